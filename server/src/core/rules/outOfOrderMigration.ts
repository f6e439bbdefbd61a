import type { Rule } from "./rule";
import { nextVersionRenames } from "./nextVersionName";

/** What each tool does with a migration that sorts before one the database already has. */
const CONSEQUENCE: Record<string, string> = {
  prisma: "Prisma applies it after the newer ones on databases that have them, so environments end up applying migrations in different orders",
  flyway: "Flyway refuses to migrate (\"Detected resolved migration not applied to database\") unless outOfOrder is set",
  "golang-migrate": "golang-migrate never applies it on a database already past that version",
  sql: "a tool that runs them by number skips or misorders it on databases already past that number",
};

export const outOfOrderMigration: Rule = {
  name: "out-of-order-migration",
  severity: "error",
  description: "A SQL migration this branch adds sorts before the newest migration on the base: databases already migrated past it skip it, refuse it or apply it out of order.",
  check(context) {
    const { set } = context;
    const branch = set.branch;
    if (!set.spec.sql || set.spec.sql.unsupported || !branch?.state.available) return;
    const state = branch.state;
    const order = branch.merged?.sqlOrder ?? set.spec.sql.migrations;
    // The base's migrations: every migration the branch did not add.
    const added = (file: string): boolean => branch.newFiles.has(file) && !state.atMergeBase.has(file);
    let newestIndex = -1;
    order.forEach((m, i) => {
      if (!added(m.file) && !m.id.startsWith("R__")) newestIndex = i;
    });
    const newest = order[newestIndex];
    if (!newest) return;
    order.forEach((migration, index) => {
      if (index > newestIndex || !added(migration.file)) return;
      const renames = nextVersionRenames(set.spec.kind, migration, newest, context.options.now());
      context.report({
        file: migration.file,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: `Migration '${migration.id}' sorts before '${newest.id}', the newest migration on ${state.base}: ${CONSEQUENCE[set.spec.kind] ?? CONSEQUENCE["sql"]}. Give it a version after '${newest.id}'.`,
        fixes: renames ? [{ title: `Rename to the next version after '${newest.id}'`, edits: [], renames }] : [],
      });
    });
  },
};
