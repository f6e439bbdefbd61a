import { test } from "node:test";
import * as assert from "node:assert/strict";
import { otherDatabaseMarker } from "../../../server/src/core/sql/otherDatabase";

const marker = (sql: string) => otherDatabaseMarker(sql)?.written;

test("ClickHouse is recognised by engine clauses, ON CLUSTER after a table name, LowCardinality types", () => {
  assert.equal(marker("CREATE TABLE t (a Int32) ENGINE = ReplacingMergeTree ORDER BY a;"), "ENGINE = ReplacingMergeTree");
  assert.equal(marker("CREATE TABLE IF NOT EXISTS db.t ON CLUSTER '{cluster}' (a String) ENGINE MergeTree"), "ON CLUSTER");
  assert.equal(marker("ALTER TABLE events ON CLUSTER default ADD COLUMN x String"), "ON CLUSTER");
  assert.equal(marker("ALTER TABLE events ADD COLUMN level LowCardinality(String)"), "LowCardinality(");
});

test("CockroachDB is recognised by its own statements", () => {
  assert.equal(marker("ALTER TABLE t ALTER PRIMARY KEY USING COLUMNS (id)"), "ALTER PRIMARY KEY");
  assert.equal(marker("DROP INDEX IF EXISTS users@users_email_idx"), "users@users_email_idx");
  assert.equal(marker("CREATE TABLE c (id int, p int) INTERLEAVE IN PARENT p (p)"), "INTERLEAVE IN PARENT");
  assert.equal(marker("UPSERT INTO settings (k, v) VALUES ('a', 'b')"), "UPSERT INTO");
});

test("what our dialects take, misspelt statements, comments and strings are no evidence", () => {
  assert.equal(marker("CREATE INDEX i ON cluster (a); CREATE TABLE x (engine text); -- ENGINE = MergeTree"), undefined);
  assert.equal(marker("CREATE TABLE t (a int) ENGINE=InnoDB; SELECT 'ENGINE = MergeTree'"), undefined);
  assert.equal(marker("SELECT a @ b FROM t; ALTER TABLE t ADD PRIMARY KEY (a);"), undefined);
  assert.equal(marker("CREAT TABLE oops (a int); ALTER TABLE users ADD COLUM name text;"), undefined);
});
