import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { AnalyzedSet } from "../../server/src/core/analysis/analyzedSet";
import { migrationSections } from "../../server/src/core/sql/upDownSections";
import { splitSqlStatements } from "../../server/src/core/sql/splitStatements";
import type { SendMode, UpgradeStep } from "./upgradeOnPostgres";

interface CommandResult {
  readonly ok: boolean;
  readonly output: string;
  readonly error?: string;
}

export interface AlembicVerdict {
  readonly heads: CommandResult;
  readonly upgrade: CommandResult;
  /** Asked for one revision: its downgrade, from it to its parent. */
  readonly downgrade?: CommandResult;
}

/**
 * Debian's Alembic 1.8 on the set's revision files: `heads` and `upgrade heads --sql`
 * (PostgreSQL); given a revision, also its `downgrade REV:PARENT --sql`.
 */
export function askAlembic(set: AnalyzedSet, downgradeOf?: string): AlembicVerdict {
  const folders = [...new Set(set.files.filter((f) => f.path.endsWith(".py")).map((f) => path.dirname(f.path)))];
  // One step down: to the parent, or to base from a first revision. A merge revision's downgrade
  // has no single step to name in offline mode, so it is not asked for.
  const parents = downgradeOf ? (set.graph.nodes.get(downgradeOf)?.file.downRevision?.refs ?? []).map((r) => r.id) : [];
  const back = downgradeOf && parents.length <= 1 ? ["--downgrade", `${downgradeOf}:${parents[0] ?? "base"}`] : [];
  const run = spawnSync("/usr/bin/python3", [path.resolve("test/fixes/alembic-offline.py"), ...back, ...folders], {
    encoding: "utf8",
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`the Alembic driver failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as AlembicVerdict;
}

/**
 * A SQL set's upgrades in order, each as its tool sends it (from the tools' documentation, kept
 * apart from the analysis's own model of them): goose, sql-migrate and dbmate open a transaction
 * unless the file opts out — goose and sql-migrate then send statement by statement, dbmate the
 * whole text; Flyway opens one unless `V…sql.conf` says `executeInTransaction=false` or every
 * statement is one its parser runs outside a transaction (then statement by statement); Prisma
 * (before 7) and golang-migrate send the file as one script.
 */
export function sqlSteps(set: AnalyzedSet): UpgradeStep[] {
  return set.graph.order.flatMap((id) => {
    const file = set.graph.nodes.get(id)?.file;
    if (!file) return [];
    const sections = migrationSections(file.text);
    const sql = file.text.slice(sections.up.start, sections.up.end);
    const downFile = file.downgrade?.file;
    const down = sections.down ? file.text.slice(sections.down.start, sections.down.end) : downFile && fs.existsSync(downFile) ? fs.readFileSync(downFile, "utf8") : undefined;
    return [{ id, sql, ...(down !== undefined ? { down } : {}), mode: sendMode(set, file.path, file.text, sections.format, sql) }];
  });
}

function sendMode(set: AnalyzedSet, file: string, text: string, format: string | undefined, up: string): SendMode {
  const marker = text.slice(0, text.indexOf(up)).trimEnd().split("\n").pop() ?? "";
  if (format === "goose") return /^--\s*\+goose\s+NO\s+TRANSACTION\s*$/im.test(text) ? "statements" : "transaction";
  if (format === "sql-migrate") return /\bnotransaction\b/i.test(marker) ? "statements" : "transaction";
  if (format === "dbmate") return /\btransaction:false\b/i.test(marker) ? "script" : "transaction";
  if (set.spec.kind === "flyway") {
    const conf = `${file}.conf`;
    if (fs.existsSync(conf) && /^\s*executeInTransaction\s*=\s*false\s*$/im.test(fs.readFileSync(conf, "utf8"))) return "statements";
    return splitSqlStatements(up, "postgresql").every((s) => NON_TRANSACTIONAL.test(s.text)) ? "statements" : "transaction";
  }
  return "script";
}

const NON_TRANSACTIONAL = /^\s*(CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY|DROP\s+INDEX\s+CONCURRENTLY|REINDEX\b.*\bCONCURRENTLY|VACUUM\b)/is;
