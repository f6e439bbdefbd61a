import { migrationSections } from "../sql/upDownSections";
import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Rule } from "./rule";
import { nextVersionRenames } from "./nextVersionName";

/** What each tool does with a migration that sorts before one the database already has. */
const CONSEQUENCE: Record<string, string> = {
  prisma: "Prisma applies it after the newer ones on databases that have them, so environments end up applying migrations in different orders",
  flyway: "Flyway refuses to migrate (\"Detected resolved migration not applied to database\") unless outOfOrder is set",
  "golang-migrate": "golang-migrate never applies it on a database already past that version",
  goose: "goose refuses to migrate (\"found missing migrations\") unless run with -allow-missing",
  sql: "a tool that runs them by number skips or misorders it on databases already past that number",
};

export const outOfOrderMigration: Rule = {
  name: "out-of-order-migration",
  severity: "error",
  description:
    "A SQL migration this branch adds sorts before the newest migration on the base: databases already migrated past it skip it, refuse it or apply it out of order (not for dbmate, which applies it, nor Flyway with outOfOrder).",
  check(context) {
    const { set } = context;
    const branch = set.branch;
    if (!set.spec.sql || set.spec.sql.unsupported || set.spec.sql.outOfOrderAllowedBy || !branch?.state.available) return;
    const tool = toolOf(set);
    // dbmate applies pending older migrations; drizzle orders by its journal, not by file name.
    if (tool === "dbmate" || tool === "drizzle") return;
    const state = branch.state;
    const order = (branch.merged?.sqlOrder ?? set.spec.sql.migrations).filter((m) => !m.id.startsWith("R__"));
    // The base's migrations: every migration the branch did not add.
    const added = (file: string): boolean => branch.newFiles.has(file) && !state.atMergeBase.has(file);
    const newestIndex = order.reduce((newest, m, i) => (added(m.file) ? newest : i), -1);
    const newest = order[newestIndex];
    const last = order[order.length - 1];
    if (!newest || !last) return;
    const moving = order.filter((m, i) => i < newestIndex && added(m.file));
    moving.forEach((migration, rank) => {
      // Each moves past everything there is, in its order: no two get the same version.
      const renames = nextVersionRenames(set.spec.kind, migration, last, rank, context.options.now());
      context.report({
        file: migration.file,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: `Migration '${migration.id}' sorts before '${newest.id}', the newest migration on ${state.base}: ${CONSEQUENCE[tool] ?? CONSEQUENCE["sql"]}. Give it a version after '${last.id}'.`,
        fixes: renames ? [{ title: `Rename to the next version after '${last.id}'`, edits: [], renames }] : [],
      });
    });
  },
};

/** The tool behind a set: its kind, or for a plain folder a drizzle journal or the section markers its files carry. */
function toolOf(set: AnalyzedSet): string {
  if (set.spec.kind !== "sql") return set.spec.kind;
  if (set.spec.sql?.orderedByJournal) return "drizzle";
  for (const file of set.files) {
    const format = migrationSections(file.text).format;
    if (format) return format;
  }
  return "sql";
}
