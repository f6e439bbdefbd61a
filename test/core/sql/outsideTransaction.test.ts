import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { PGlite } from "@electric-sql/pglite";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import type { Finding } from "../../../server/src/core/model/findings";
import { LineIndex } from "../../../server/src/core/text/lineIndex";
import { refusedInTransactionText } from "../../../server/src/core/sql/outsideTransaction";
import { splitSqlStatements } from "../../../server/src/core/sql/splitStatements";
import { migrationSections } from "../../../server/src/core/sql/upDownSections";
import { statementTokens } from "../../../server/src/core/sql/tokens";
import { flywayRunsOutsideTransaction } from "../../../server/src/core/sqlMigrations/sqlTransaction";
import { memoryHost } from "../../support/memoryHost";

// What concurrently-in-transaction claims, checked against a real PostgreSQL (PGlite): which
// statements it refuses inside a transaction block and under which name, that one query of
// several statements is such a block, and that each tool's file runs once its fix is applied.
const SCHEMA = `
  CREATE TABLE t (id int PRIMARY KEY, v text);
  CREATE INDEX ix_t_v ON t (v);
  CREATE TABLE p (id int) PARTITION BY RANGE (id);
  CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
  CREATE TYPE mood AS ENUM ('a');
`;

let db: PGlite;
/** Emptied before each use: a new PGlite per case would take most of the run. */
let scratch: PGlite;

before(async () => {
  db = new PGlite();
  await db.exec(SCHEMA);
  scratch = new PGlite();
});

after(async () => {
  await db.close();
  await scratch.close();
});

async function emptyScratch(): Promise<PGlite> {
  await scratch.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  return scratch;
}

const REFUSED = "cannot run inside a transaction block";

async function errorOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Inside BEGIN … ROLLBACK. */
async function inTransaction(sql: string): Promise<string | undefined> {
  await db.exec("BEGIN");
  try {
    return await errorOf(() => db.exec(sql));
  } finally {
    await db.exec("ROLLBACK");
  }
}


// Each statement the analysis names, with the name PostgreSQL's own error gives it.
const NAMED: [string, string][] = [
  ["CREATE INDEX CONCURRENTLY ix_t_id ON t (id)", "CREATE INDEX CONCURRENTLY"],
  ["DROP INDEX CONCURRENTLY ix_t_v", "DROP INDEX CONCURRENTLY"],
  ["REINDEX TABLE CONCURRENTLY t", "REINDEX CONCURRENTLY"],
  ["REINDEX INDEX CONCURRENTLY ix_t_v", "REINDEX CONCURRENTLY"],
  ["REINDEX SCHEMA public", "REINDEX SCHEMA"],
  ["REINDEX (VERBOSE) DATABASE template1", "REINDEX DATABASE"],
  ["REINDEX SYSTEM", "REINDEX SYSTEM"],
  ["ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY", "ALTER TABLE ... DETACH CONCURRENTLY"],
  ["VACUUM t", "VACUUM"],
  ["VACUUM (ANALYZE) t", "VACUUM"],
  ["CLUSTER", "CLUSTER"],
  ["DISCARD ALL", "DISCARD ALL"],
  ["CREATE DATABASE other", "CREATE DATABASE"],
  ["DROP DATABASE IF EXISTS other", "DROP DATABASE"],
  ["CREATE TABLESPACE space LOCATION '/tmp/space'", "CREATE TABLESPACE"],
  ["DROP TABLESPACE IF EXISTS space", "DROP TABLESPACE"],
  ["ALTER SYSTEM SET work_mem = '8MB'", "ALTER SYSTEM"],
  ["COMMIT PREPARED 'x'", "COMMIT PREPARED"],
  ["ROLLBACK PREPARED 'x'", "ROLLBACK PREPARED"],
];

for (const [statement, command] of NAMED) {
  test(`PostgreSQL refuses '${statement}' in a transaction as the analysis names it`, async () => {
    assert.equal(refusedInTransactionText(statement), command);
    assert.equal(await inTransaction(statement), `${command} ${REFUSED}`);
  });
}

// Statements that look alike but run inside a transaction: the analysis names none of them.
const ALLOWED = ["CREATE INDEX ix_t_id ON t (id)", "REINDEX TABLE t", "CLUSTER t USING ix_t_v", "ALTER TYPE mood ADD VALUE 'b'", "ALTER TABLE p DETACH PARTITION p1", "DISCARD PLANS", "ANALYZE t", "ALTER DATABASE postgres SET work_mem = '8MB'"];

for (const statement of ALLOWED) {
  test(`PostgreSQL runs '${statement}' in a transaction, and the analysis does not name it`, async () => {
    assert.equal(refusedInTransactionText(statement), undefined);
    const error = await inTransaction(statement);
    assert.ok(error === undefined || !error.includes(REFUSED), error);
  });
}

test("BEGIN, then CREATE INDEX CONCURRENTLY: refused", async () => {
  assert.equal(await inTransaction("CREATE INDEX CONCURRENTLY ix_t_id ON t (id)"), `CREATE INDEX CONCURRENTLY ${REFUSED}`);
});

test("one query of several statements is one implicit transaction; a lone statement runs", async () => {
  assert.equal(await errorOf(() => db.exec("SET lock_timeout = '5s'; CREATE INDEX CONCURRENTLY ix_t_v_id ON t (v, id);")), `CREATE INDEX CONCURRENTLY ${REFUSED}`);
  assert.equal(await errorOf(() => db.exec("CREATE INDEX CONCURRENTLY ix_t_v_id ON t (v, id);")), undefined);
});

// ---- each tool's file, as the tool runs it, before and after the fix -----------------------------

type Tool = "goose" | "dbmate" | "flyway" | "sql-migrate";

/** The upgrade of one file as the tool sends it (its documented behaviour; what the rule encodes). */
async function runAsTool(target: PGlite, tool: Tool, file: string, files: Record<string, string>): Promise<void> {
  const text = files[file]!;
  const up = migrationSections(text).up;
  const section = text.slice(up.start, up.end);
  const statements = splitSqlStatements(section, "postgresql").map((s) => s.text);
  const marker = text.slice(0, up.start).trimEnd().split("\n").pop()!.toLowerCase();
  const noTransaction =
    (tool === "goose" && text.split("\n").some((l) => l.trimEnd().toLowerCase() === "-- +goose no transaction")) ||
    (tool === "sql-migrate" && marker.includes("notransaction")) ||
    (tool === "dbmate" && marker.includes("transaction:false")) ||
    (tool === "flyway" && (files[`${file}.conf`] ?? "").includes("executeInTransaction=false")) ||
    // Flyway's parser runs a script of statements it knows as non-transactional outside a transaction.
    (tool === "flyway" && statements.every((s) => flywayRunsOutsideTransaction(statementTokens(s, "postgresql"))));
  // dbmate sends the section as one query; the others one statement at a time.
  const send = tool === "dbmate" ? [section] : statements;
  if (!noTransaction) await target.exec("BEGIN");
  for (const sql of send) await target.exec(sql);
  if (!noTransaction) await target.exec("COMMIT");
}

function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[path.join(entry.parentPath, entry.name)] = fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8");
  }
  return files;
}

function findings(root: string, files: Record<string, string>): Finding[] {
  const workspace = new MigrationWorkspace(memoryHost(files), [root]);
  workspace.discover();
  return workspace.analyze().findings.filter((f) => f.rule === "concurrently-in-transaction");
}

function applyFix(files: Record<string, string>, finding: Finding): void {
  for (const edit of [...finding.fixes[0]!.edits].reverse()) {
    const text = edit.createFile ? "" : files[edit.file]!;
    const lines = new LineIndex(text);
    files[edit.file] = text.slice(0, lines.offset(edit.range.start)) + edit.newText + text.slice(lines.offset(edit.range.end));
  }
}

/** Every migration of the set, in order, on a fresh database; the error PostgreSQL gave, if any. */
async function runSet(tool: Tool, folder: string, files: Record<string, string>): Promise<string | undefined> {
  const target = await emptyScratch();
  const migrations = Object.keys(files)
    .filter((f) => path.dirname(f) === folder && f.endsWith(".sql"))
    .sort();
  for (const file of migrations) {
    const error = await errorOf(() => runAsTool(target, tool, file, files));
    if (error) {
      await target.exec("ROLLBACK");
      return `${path.basename(file)}: ${error}`;
    }
  }
  return undefined;
}

const SQL_TOOLS = path.resolve("test/fixtures/schema/concurrently-sql-tools");
const FOLDERS: Record<Tool, string> = { goose: "goose/migrations", dbmate: "dbmate/db/migrations", flyway: "flyway/db/migration", "sql-migrate": "sql-migrate/migrations" };

for (const [tool, folder] of Object.entries(FOLDERS) as [Tool, string][]) {
  test(`${tool}: the reported migration fails as the tool runs it, and runs once the fix is applied`, async () => {
    const files = readTree(SQL_TOOLS);
    const absolute = path.join(SQL_TOOLS, folder);
    const reported = findings(SQL_TOOLS, files).filter((f) => path.dirname(f.file) === absolute);
    assert.equal(reported.length, 1);
    const before = await runSet(tool, absolute, files);
    assert.ok(before?.startsWith(`${path.basename(reported[0]!.file)}: `) && before.endsWith(REFUSED), before);

    applyFix(files, reported[0]!);
    assert.deepEqual(findings(SQL_TOOLS, files).filter((f) => path.dirname(f.file) === absolute), []);
    assert.equal(await runSet(tool, absolute, files), undefined);
  });
}

// ---- Alembic: the upgrade as Alembic 1.8 writes it (offline), run statement by statement -----------

/** `alembic upgrade head --sql` for the project at `root`, run on a fresh database one statement at a time. */
async function runAlembicUpgrade(root: string): Promise<string | undefined> {
  const sql = spawnSync("/usr/bin/python3", ["-m", "alembic", "upgrade", "head", "--sql"], { cwd: root, encoding: "utf8" });
  assert.equal(sql.status, 0, sql.stderr);
  const target = await emptyScratch();
  for (const statement of splitSqlStatements(sql.stdout, "postgresql")) {
    const error = await errorOf(() => target.exec(statement.text));
    if (error) {
      await target.exec("ROLLBACK");
      return error;
    }
  }
  return undefined;
}

test("Alembic: the reported upgrade fails on PostgreSQL, and runs once every fix is applied", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "concurrently-alembic-"));
  try {
    fs.cpSync(path.resolve("test/fixtures/schema/concurrently-alembic"), root, { recursive: true });
    fs.appendFileSync(path.join(root, "alembic.ini"), "sqlalchemy.url = postgresql://\n");
    assert.equal(await runAlembicUpgrade(root), `CREATE INDEX CONCURRENTLY ${REFUSED}`);

    const files = readTree(root);
    const reported = findings(root, files);
    assert.equal(reported.length, 3);
    // Bottom-up, so each fix's positions still hold.
    for (const finding of [...reported].sort((a, b) => b.range.start.line - a.range.start.line)) applyFix(files, finding);
    assert.deepEqual(findings(root, files), []);
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(file, text);
    assert.equal(await runAlembicUpgrade(root), undefined);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("Flyway: once the script configuration file exists, the set found again no longer reports", () => {
  const files = readTree(SQL_TOOLS);
  const workspace = new MigrationWorkspace(memoryHost(files), [SQL_TOOLS]);
  workspace.discover();
  const flyway = (): Finding[] => workspace.analyze().findings.filter((f) => f.rule === "concurrently-in-transaction" && f.file.endsWith("V2__reindex.sql"));
  const [finding] = flyway();
  assert.ok(finding);
  applyFix(files, finding);
  workspace.discover();
  assert.deepEqual(flyway(), []);
});
