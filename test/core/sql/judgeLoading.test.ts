import { test } from "node:test";
import * as assert from "node:assert/strict";
import { deferredSqlJudge } from "../../../server/src/node/databaseParsers";
import { verdictOf } from "../../../server/src/core/sql/sqlJudge";
import type { OperationProblem } from "../../../server/src/core/schema/operations";

// Each database's parser is loaded when a set of its dialect asks for it (SQLite's holds about
// 30 MB, which PostgreSQL migrations never need), and what is said before it is loaded is not
// remembered once it is.
test("a dialect's parser loads only when asked for, and the verdict given before it loaded is not kept", async () => {
  const judge = deferredSqlJudge();
  const problem: OperationProblem = { rule: "sql-syntax-error", range: { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } }, message: "", statement: { text: "SELEC 1", dialect: "sqlite" } };

  await judge.ready(["postgresql"]);
  assert.equal(judge.judge("SELEC 1", "postgresql").kind, "rejected");
  const early = verdictOf(problem, judge);
  assert.deepEqual(early, { kind: "unknown", why: "the database parsers are still loading", transient: true }, "SQLite's parser was not loaded for PostgreSQL's sets");

  await judge.ready(["sqlite"]);
  assert.equal(verdictOf(problem, judge)?.kind, "rejected");
  assert.equal(judge.judge("SELECT 1", "sqlite").kind, "accepted");
  assert.equal(judge.judge("SELECT 1", "mysql").kind, "unknown");
});
