import type { RevisionFile } from "../../alembic/revisionFile";
import type { MigrationSetSpec } from "../../discovery/migrationSet";
import { configuresTransactionalDdl } from "../../alembic/envTransaction";
import type { Operation } from "../../schema/operations";
import { openTransactionBefore, sqlUpgrade, type SqlRunner, type SqlUpgrade } from "../../sqlMigrations/sqlTransaction";
import type { OperationRule, OperationRuleContext } from "../operationRule";
import { alembicCall, alembicFixes, sqlRunnerFixes } from "./outsideTransactionFixes";

/** Each SQL migration's statements and runner, read once per set discovery (the runner reads the set's spec: Flyway's script configuration). */
const upgrades = new WeakMap<MigrationSetSpec, WeakMap<RevisionFile, SqlUpgrade>>();

export const concurrentlyInTransaction: OperationRule = {
  name: "concurrently-in-transaction",
  severity: "error",
  description: "A statement PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, …) where the migration runs in one.",
  checkOperation(context) {
    const { step } = context;
    const command = refusedCommand(step.op);
    // A statement under a test the analysis cannot decide may not run at all.
    if (!command || step.dialect !== "postgresql" || step.op.conditional) return;
    if (step.file.path.endsWith(".sql")) checkSql(context, command);
    else checkAlembic(context, command);
  },
};

function refusedCommand(op: Operation): string | undefined {
  if (op.kind === "outside_transaction") return op.command;
  if ((op.kind === "create_index" || op.kind === "drop_index") && op.concurrently) return `${op.kind === "create_index" ? "CREATE" : "DROP"} INDEX CONCURRENTLY`;
  return undefined;
}

/** Alembic runs each migration in a transaction on PostgreSQL, except what autocommit_block() holds. */
function checkAlembic({ step, set, report }: OperationRuleContext, command: string): void {
  const shared = (alembicCall(step.file, step.op)?.statements ?? 1) > 1;
  if (step.op.autocommit) {
    // The driver sends an execute() string of several statements as one query (psycopg, asyncpg).
    if (shared) report({ message: `${command} cannot run inside a transaction block, and this execute() sends it with other statements as one query, which PostgreSQL runs as one implicit transaction, even in autocommit_block(): the upgrade fails here. Give it an execute() of its own.` });
    return;
  }
  // env.py that turns transactional DDL off (or sets it from a value) is not followed.
  if (set.env && configuresTransactionalDdl(set.env.text)) return;
  // One query of several statements is one implicit transaction, even in autocommit_block().
  const remedy = shared ? "Give it an execute() of its own inside op.get_context().autocommit_block()" : "Run it inside op.get_context().autocommit_block()";
  report({
    message: `${command} cannot run inside a transaction block, and Alembic runs this migration inside one on PostgreSQL: the upgrade fails here. ${remedy}.`,
    fixes: alembicFixes(step.file, step.op),
  });
}

function checkSql({ step, set, report }: OperationRuleContext, command: string): void {
  let ofSet = upgrades.get(set.spec);
  if (!ofSet) upgrades.set(set.spec, (ofSet = new WeakMap()));
  let upgrade = ofSet.get(step.file);
  if (!upgrade) ofSet.set(step.file, (upgrade = sqlUpgrade(set.spec, step.file)));
  const offset = step.file.lines.offset(step.op.range.start);
  const index = upgrade.statements.findIndex((s) => s.start <= offset && offset < Math.max(s.end, s.start + 1));
  if (index < 0) return;
  const begin = openTransactionBefore(upgrade.statements, index);
  if (begin) {
    const line = step.file.lines.position(begin.start).line + 1;
    report({ message: `${command} cannot run inside a transaction block, and the BEGIN on line ${line} opened one that is still open here: the migration fails here.` });
    return;
  }
  const runner = upgrade.runner;
  if (!runner || (runner.kind === "one-script" && upgrade.statements.length < 2)) return;
  report({
    message: `${command} cannot run inside a transaction block, and ${because(runner)}: the migration fails here.`,
    fixes: sqlRunnerFixes(set.spec, step.file, runner, upgrade.statements.length),
  });
}

function because(runner: SqlRunner): string {
  switch (runner.tool) {
    case "goose":
      return "goose runs this migration in a transaction (the file has no '-- +goose NO TRANSACTION' annotation)";
    case "sql-migrate":
      return "sql-migrate runs this migration in a transaction (its '-- +migrate Up' line has no 'notransaction')";
    case "flyway":
      return "Flyway runs this migration in a transaction (its parser does not know this statement must run outside one, and no script configuration file sets executeInTransaction=false)";
    case "dbmate":
      return runner.kind === "transaction"
        ? "dbmate runs this migration in a transaction (its '-- migrate:up' line has no 'transaction:false')"
        : "dbmate sends the whole up section (transaction:false) as one query, which PostgreSQL runs as one implicit transaction since it holds more than one statement";
    case "prisma":
      return `Prisma before 7 (package.json: ${runner.declared ?? "prisma"}) sends the whole migration.sql as one query, which PostgreSQL runs as one implicit transaction since it holds more than one statement`;
    case "golang-migrate":
      return "golang-migrate's postgres driver sends the whole file as one query, which PostgreSQL runs as one implicit transaction since it holds more than one statement (unless the database URL sets x-multi-statement=true)";
  }
}
