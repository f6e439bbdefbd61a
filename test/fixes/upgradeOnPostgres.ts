import type { PGlite } from "@electric-sql/pglite";
import { splitSqlStatements } from "../../server/src/core/sql/splitStatements";
import { fillEmptyTables } from "./rowFiller";

/** One migration's upgrade as the tool would send it to PostgreSQL. */
export interface UpgradeStep {
  readonly id: string;
  readonly sql: string;
  /** Its downgrade (the .down.sql, or the file's down section). */
  readonly down?: string;
  readonly mode: SendMode;
}

/**
 * `transaction`: inside BEGIN … COMMIT; `script`: the whole text as one query (an implicit
 * transaction when it holds several statements); `statements`: one query per statement.
 */
export type SendMode = "transaction" | "script" | "statements";

/** What PostgreSQL said about the target migration, after the ones before it. */
export interface UpgradeOutcome {
  /** Each statement of the target PostgreSQL rejected (its message); a failing statement does not stop the next. */
  readonly failures: readonly string[];
  /** Migrations before the target that PostgreSQL rejected: the fixture is broken before it. */
  readonly earlier: readonly string[];
  /** Asked for, and the upgrade went through: each statement of its downgrade, run right after it, that PostgreSQL rejected. */
  readonly downgradeFailures?: readonly string[];
}

/** Empties the database between runs: faster than a new PGlite. */
export async function resetDatabase(db: PGlite): Promise<void> {
  await db.exec("ROLLBACK").catch(() => undefined);
  const { rows } = await db.query<{ name: string }>(
    `SELECT quote_ident(nspname) AS name FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND nspname NOT LIKE 'pg\\_%'`,
  );
  for (const { name } of rows) await db.exec(`DROP SCHEMA ${name} CASCADE`);
  await db.exec("CREATE SCHEMA public");
}

/**
 * `alembic upgrade head --sql` output, sent as Alembic sends it online: one statement at a time,
 * inside the transaction the output opens (an autocommit block ends and reopens it). Each
 * statement runs under a savepoint, so one that fails is listed and the next still runs. Before
 * each migration every empty table gets a row. Migrations after the target are not run.
 */
export async function runAlembicOffline(db: PGlite, offlineSql: string, target: string, downgradeSql?: string): Promise<UpgradeOutcome> {
  await resetDatabase(db);
  const session = new Session(db);
  const [prelude, ...steps] = offlineSql.split(/^(?=-- Running upgrade )/m);
  await session.runEach(prelude ?? "");
  const earlier: string[] = [];
  for (const step of steps) {
    const id = (step.split("\n")[0] ?? "").replace(/^.*-> /, "").trim();
    await fillEmptyTables(db, session.inTransaction);
    const failures = await session.runEach(step);
    if (id.split(", ").includes(target)) {
      // A downgrade runs only after its upgrade went through.
      if (downgradeSql === undefined || failures.length > 0) return { failures, earlier };
      await fillEmptyTables(db, session.inTransaction);
      return { failures, earlier, downgradeFailures: await session.runEach(downgradeSql) };
    }
    earlier.push(...failures.map((f) => `${id}: ${f}`));
  }
  return { failures: [`Alembic's output has no upgrade to ${target}`], earlier };
}

/**
 * SQL migrations in order, each as its tool sends it. When the target's script fails, it is run
 * again statement by statement (in a transaction, under savepoints) to list every statement
 * PostgreSQL rejects; if each alone runs, the script's own failure is the one listed (a statement
 * that cannot run in the script's transaction).
 */
export async function runSqlSteps(db: PGlite, steps: readonly UpgradeStep[], target: string, withDowngrade = false): Promise<UpgradeOutcome> {
  await resetDatabase(db);
  const earlier: string[] = [];
  for (const step of steps) {
    await fillEmptyTables(db, false);
    const error = await runScript(db, step);
    if (step.id !== target) {
      if (error) earlier.push(`${step.id}: ${error}`);
      continue;
    }
    if (!error) {
      if (!withDowngrade) return { failures: [], earlier };
      await fillEmptyTables(db, false);
      return { failures: [], earlier, downgradeFailures: await statementFailures(db, { ...step, sql: step.down ?? "" }) };
    }
    return { failures: await statementFailures(db, step, error), earlier };
  }
  return { failures: [`no migration ${target}`], earlier };
}

/** A script as its tool sends it; when it fails, each statement PostgreSQL rejects (run again one by one, in a transaction under savepoints). */
async function statementFailures(db: PGlite, step: UpgradeStep, knownError?: string): Promise<string[]> {
  const error = knownError ?? (await runScript(db, step));
  if (!error) return [];
  const session = new Session(db);
  await session.runEach("BEGIN;");
  const failures = await session.runEach(step.sql);
  await db.exec("ROLLBACK").catch(() => undefined);
  return failures.length > 0 ? failures : [error];
}

async function runScript(db: PGlite, step: UpgradeStep): Promise<string | undefined> {
  if (step.mode === "statements") return (await new Session(db).runEach(step.sql))[0];
  try {
    await db.exec(step.mode === "transaction" ? `BEGIN;\n${step.sql}\n;COMMIT;` : step.sql);
    return undefined;
  } catch (error) {
    if (step.mode === "transaction") await db.exec("ROLLBACK").catch(() => undefined);
    return messageOf(error);
  }
}

/** Statement-at-a-time execution that follows BEGIN / COMMIT and keeps going after a failure. */
class Session {
  inTransaction = false;

  constructor(private readonly db: PGlite) {}

  async runEach(sql: string): Promise<string[]> {
    const failures: string[] = [];
    for (const statement of splitSqlStatements(sql, "postgresql")) {
      const keyword = statement.text.trim().toUpperCase();
      if (keyword === "BEGIN" || keyword === "START TRANSACTION") this.inTransaction = true;
      if (keyword === "COMMIT" || keyword === "END" || keyword === "ROLLBACK") this.inTransaction = false;
      const guarded = this.inTransaction && keyword !== "BEGIN";
      try {
        if (guarded) await this.db.exec("SAVEPOINT harness_statement");
        await this.db.exec(statement.text);
        if (guarded) await this.db.exec("RELEASE SAVEPOINT harness_statement");
      } catch (error) {
        failures.push(messageOf(error));
        if (guarded) await this.db.exec("ROLLBACK TO SAVEPOINT harness_statement");
      }
    }
    return failures;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
