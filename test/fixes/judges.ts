import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { AnalyzedSet } from "../../server/src/core/analysis/analyzedSet";
import { migrationSections } from "../../server/src/core/sql/upDownSections";
import { splitSqlStatements } from "../../server/src/core/sql/splitStatements";
import type { UpgradeStep } from "./upgradeOnPostgres";

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
  const parents = downgradeOf ? (set.graph.nodes.get(downgradeOf)?.file.downRevision?.refs ?? []).map((r) => r.id) : [];
  const back = downgradeOf ? ["--downgrade", `${downgradeOf}:${parents.length === 1 ? parents[0] : "base"}`] : [];
  const run = spawnSync("/usr/bin/python3", [path.resolve("test/fixes/alembic-offline.py"), ...back, ...folders], {
    encoding: "utf8",
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`the Alembic driver failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as AlembicVerdict;
}

/**
 * A SQL set's upgrades in order, each as its tool sends it. Flyway runs a migration in a
 * transaction unless its `.conf` says `executeInTransaction=false`; goose and dbmate do unless the
 * file opts out; Prisma and golang-migrate send the file as one script.
 */
export function sqlSteps(set: AnalyzedSet): UpgradeStep[] {
  return set.graph.order.flatMap((id) => {
    const file = set.graph.nodes.get(id)?.file;
    if (!file) return [];
    const sections = migrationSections(file.text);
    const sql = file.text.slice(sections.up.start, sections.up.end);
    const downFile = file.downgrade?.file;
    const down = sections.down ? file.text.slice(sections.down.start, sections.down.end) : downFile && fs.existsSync(downFile) ? fs.readFileSync(downFile, "utf8") : undefined;
    return [{ id, sql, ...(down !== undefined ? { down } : {}), explicitTransaction: inTransaction(set, file.path, file.text, sections.format) }];
  });
}

function inTransaction(set: AnalyzedSet, file: string, text: string, format: string | undefined): boolean {
  if (format === "goose") return !/^--\s*\+goose\s+NO\s+TRANSACTION\b/im.test(text);
  if (format === "dbmate") return !/^--\s*migrate:up\b.*\btransaction:false\b/im.test(text);
  if (set.spec.kind === "flyway") {
    const conf = `${file}.conf`;
    if (fs.existsSync(conf) && /^\s*executeInTransaction\s*=\s*false\s*$/im.test(fs.readFileSync(conf, "utf8"))) return false;
    // Flyway's PostgreSQL parser runs a migration whose statements cannot run in a transaction
    // without one (with transactional statements beside them it refuses the migration).
    return !splitSqlStatements(text, "postgresql").every((s) => NON_TRANSACTIONAL.test(s.text));
  }
  return false;
}

const NON_TRANSACTIONAL = /^\s*(CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY|DROP\s+INDEX\s+CONCURRENTLY|REINDEX\b.*\bCONCURRENTLY|VACUUM\b)/is;
