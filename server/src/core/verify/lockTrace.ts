import type { Finding } from "../model/findings";
import { comparePositions, type Range } from "../model/positions";
import { locksOf } from "../notes/migrationNotes";
import type { Operation } from "../schema/operations";
import type { VerifyDatabase } from "./database";
import type { ScriptStatement } from "./revisionScript";
import { verifyFinding } from "./verifyFindings";

/** What PostgreSQL did to the tables that existed before the migration, for one statement. */
export interface LockTrace {
  /** The strongest lock taken on each table that blocks writes (`AccessExclusiveLock`, `ShareLock`, …). */
  readonly locks: ReadonlyMap<string, string>;
  /** Tables whose storage was replaced (their relfilenode changed): rewritten. */
  readonly rewritten: readonly string[];
}

// pg_locks' modes that block other sessions' writes, weakest first.
const BLOCKING = ["ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"];
const STATIC_MODE: Readonly<Record<string, string>> = { SHARE: "ShareLock", "SHARE ROW EXCLUSIVE": "ShareRowExclusiveLock", "ACCESS EXCLUSIVE": "AccessExclusiveLock" };

const STORAGE = `SELECT n.nspname || '.' || c.relname AS name, c.relfilenode::text AS node FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;
const HELD = `SELECT n.nspname || '.' || c.relname AS name, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')`;

/** The tables and their storage now: what "existed before" and "rewritten" are measured against. */
export async function tableStorage(database: VerifyDatabase): Promise<Map<string, string>> {
  return new Map((await database.query<{ name: string; node: string }>(STORAGE)).map((r) => [r.name, r.node]));
}

/**
 * Runs one statement inside a transaction to read the locks it holds before they are released.
 * Undefined when PostgreSQL refuses it inside a transaction (CONCURRENTLY …): it then ran
 * outside one, untraced. Throws what the statement throws.
 */
export async function traceStatement(database: VerifyDatabase, sql: string, existing: ReadonlySet<string>): Promise<LockTrace | undefined> {
  const before = await tableStorage(database);
  await database.exec("BEGIN");
  let held: { name: string; mode: string }[];
  try {
    await database.exec(sql);
    held = await database.query<{ name: string; mode: string }>(HELD);
    await database.exec("COMMIT");
  } catch (error) {
    await database.exec("ROLLBACK").catch(() => undefined);
    if (!/cannot (run|be executed) inside a transaction block/.test(String((error as { message?: unknown }).message))) throw error;
    await database.exec(sql);
    return undefined;
  }
  const after = await tableStorage(database);
  const locks = new Map<string, string>();
  for (const { name, mode } of held) {
    if (!existing.has(name) || !BLOCKING.includes(mode)) continue;
    const had = locks.get(name);
    if (!had || BLOCKING.indexOf(mode) > BLOCKING.indexOf(had)) locks.set(name, mode);
  }
  const rewritten = [...before].filter(([name, node]) => existing.has(name) && after.has(name) && after.get(name) !== node).map(([name]) => name);
  return { locks, rewritten };
}

/**
 * `lock-trace` (what PostgreSQL took, for statements that block writes on a table that existed
 * before the migration) and `lock-mismatch` where the static locking rules said otherwise: a
 * rewrite they did not predict or predicted wrongly, or another lock mode.
 */
export function lockFindings(statement: ScriptStatement, trace: LockTrace, operations: readonly Operation[], findings: readonly Finding[]): Finding[] {
  if (trace.locks.size === 0 && trace.rewritten.length === 0) return [];
  const mine = operations.filter((op) => inside(op.range, statement.range));
  // TRUNCATE and REFRESH replace a table's storage too: only a schema change's rewrite is the rules' to predict.
  const altersTable = mine.some((op) => op.kind === "alter_column" || op.kind === "add_column" || op.kind === "add_constraint" || op.kind === "drop_column");
  const said = mine.flatMap((op) => locksOf(op, findings));
  const strongestStatic = said.reduce<string | undefined>((a, s) => {
    const mode = STATIC_MODE[s.lock.mode];
    return mode && (!a || BLOCKING.indexOf(mode) > BLOCKING.indexOf(a)) ? mode : a;
  }, undefined);
  const staticRewrite = said.some((s) => s.lock.during === "rewrite");
  const taken = [...trace.locks].map(([table, mode]) => `${mode} on ${table}`).join(", ");
  const rewrote = trace.rewritten.length > 0 ? `; it rewrote ${trace.rewritten.join(", ")}` : "";
  const out = [verifyFinding("lock-trace", statement.file, statement.range, `PostgreSQL took ${taken || "no lock that blocks writes"}${rewrote}.${said.length > 0 ? ` The analysis said: ${said.map((s) => s.rules.join(", ")).join("; ")}.` : ""}`)];
  const strongest = [...trace.locks.values()].reduce<string | undefined>((a, m) => (!a || BLOCKING.indexOf(m) > BLOCKING.indexOf(a) ? m : a), undefined);
  const differences: string[] = [];
  if (altersTable && trace.rewritten.length > 0 && !staticRewrite) differences.push(`PostgreSQL rewrote ${trace.rewritten.join(", ")}, which no rule said`);
  if (staticRewrite && trace.rewritten.length === 0) differences.push("a rule said it rewrites the table, PostgreSQL did not");
  if (strongestStatic && strongest && strongestStatic !== strongest) differences.push(`a rule said ${strongestStatic}, PostgreSQL took ${strongest}`);
  if (differences.length > 0) out.push(verifyFinding("lock-mismatch", statement.file, statement.range, `The static locking rules and PostgreSQL disagree: ${differences.join("; ")}.`));
  return out;
}

function inside(inner: Range, outer: Range): boolean {
  return comparePositions(inner.start, outer.start) >= 0 && comparePositions(inner.end, outer.end) <= 0;
}
