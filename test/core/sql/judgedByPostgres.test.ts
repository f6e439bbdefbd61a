import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { PGlite } from "@electric-sql/pglite";
import { loadSqlJudge } from "../../../server/src/node/databaseParsers";
import type { SqlJudge } from "../../../server/src/core/sql/sqlJudge";

// The judge says "rejected" exactly where a real PostgreSQL answers with a syntax error
// (SQLSTATE 42601); a statement it accepts may still fail for other reasons (a missing table),
// which are the schema rules' to claim, never sql-syntax-error's.
let judge: SqlJudge;
let db: PGlite;

before(async () => {
  judge = await loadSqlJudge();
  db = new PGlite();
  await db.exec("CREATE TABLE parents (id int PRIMARY KEY); CREATE INDEX ix_parents ON parents (id);");
});

after(async () => {
  await db.close();
});

/** What PostgreSQL does with the statement, inside a transaction rolled back at once. */
async function postgres(statement: string): Promise<"ok" | "syntax error" | "other error"> {
  await db.exec("BEGIN");
  try {
    await db.exec(statement);
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code === "42601" ? "syntax error" : "other error";
  } finally {
    await db.exec("ROLLBACK");
  }
}

const STATEMENTS: [string, "ok" | "syntax error" | "other error"][] = [
  ["DROP INDEX IF NOT EXISTS ix_parents", "syntax error"],
  ["ALTER TABLE parents ADD COLUM name text", "syntax error"],
  ["ALTER TABLE parents ADD COLUMN color varchar(20) DEFALT 'red'", "syntax error"],
  ["CREAT INDEX ix_other ON parents (id)", "syntax error"],
  // Valid PostgreSQL that the analysis's own parser does not read.
  ["CREATE TABLE children () INHERITS (parents)", "ok"],
  ["CREATE TABLE events (at timestamptz DEFAULT TIMESTAMP WITH TIME ZONE 'epoch')", "ok"],
  // Syntactically valid, failing for another reason: not a syntax error.
  ["ALTER TABLE missing ADD COLUMN x int", "other error"],
];

for (const [statement, expected] of STATEMENTS) {
  test(`PostgreSQL and the judge agree: ${statement}`, async () => {
    assert.equal(await postgres(statement), expected);
    assert.equal(judge.judge(statement, "postgresql").kind, expected === "syntax error" ? "rejected" : "accepted");
  });
}
