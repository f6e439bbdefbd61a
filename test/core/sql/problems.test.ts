import { test } from "node:test";
import * as assert from "node:assert/strict";
import { normalizeIdentifier } from "../../../server/src/core/sql/identifiers";
import { kindsOf, readSql } from "./readSql";

test("a bad statement in the middle is one problem on that statement; the others still count", () => {
  const sql = `CREATE TABLE a (id int);
CREATE TABLE b (id int name text);
ALTER TABLE a ADD COLUMN x int;`;
  const { operations, problems } = readSql(sql);
  // What the unread statement did is unknown: it may have made table b (unless the database rejects it).
  assert.deepEqual(
    operations.map((o) => [o.kind, o.kind === "unknown" ? o.tables : undefined]),
    [["create_table", undefined], ["unknown", [{ name: { prefix: "b", suffix: "", exact: true }, may: "exist" }]], ["add_column", undefined]],
  );
  // The statement goes with the problem, for the database's own parser to judge.
  assert.deepEqual(problems, [
    {
      rule: "sql-syntax-error",
      range: "CREATE TABLE b (id int name text)",
      message: 'SQL syntax error at line 2, column 24: unexpected "name"',
      statement: { text: "CREATE TABLE b (id int name text)", dialect: "postgresql" },
    },
  ]);
});

test("a misspelt command, a missing parenthesis, and a quote never closed", () => {
  const { operations, problems } = readSql(`CRATE TABLE oops (id int);
INSERT INTO t VALUES (1, 2;
SELECT 1;
UPDATE t SET a = 'never closed;`);
  assert.deepEqual(operations.map((o) => o.kind), ["unknown", "unknown"]);
  assert.deepEqual(
    problems.map((p) => [p.range, p.message]),
    [
      ["CRATE TABLE oops (id int)", 'SQL syntax error at line 1, column 1: unexpected "CRATE"'],
      ["INSERT INTO t VALUES (1, 2", "SQL syntax error at line 2, column 27: unexpected end of input"],
      ["UPDATE t SET a = 'never closed;", "SQL syntax error at line 4, column 1: a quote or comment in this statement is never closed"],
    ],
  );
});

test("valid PostgreSQL the parser does not support is never a syntax error", () => {
  const sql = `LOCK TABLE users IN ACCESS EXCLUSIVE MODE;
VACUUM ANALYZE users;
CLUSTER users USING users_pkey;
SET CONSTRAINTS ALL DEFERRED;
SET SESSION AUTHORIZATION DEFAULT;
NOTIFY jobs;
CREATE STATISTICS s ON a, b FROM t;
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
SECURITY LABEL ON TABLE t IS 'x';
ALTER TABLE measurements ATTACH PARTITION m2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE measurements DETACH PARTITION m2023, ADD COLUMN note text;
COPY users (id, email) FROM '/tmp/users.csv' WITH (FORMAT csv);
COPY users TO stdout;
CREATE EVENT TRIGGER no_ddl ON ddl_command_start EXECUTE FUNCTION f();
ALTER EXTENSION postgis UPDATE;
CREATE CAST (text AS mood) WITH INOUT;
CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING;`;
  assert.deepEqual(readSql(sql).problems, []);
  assert.deepEqual(kindsOf(sql), [
    // Changes no table, but PostgreSQL runs it only outside a transaction block.
    { kind: "outside_transaction", command: "VACUUM" },
    { kind: "add_column", table: { name: "measurements" }, column: { name: "note", type: "text", nullable: true } },
    { kind: "data_change", statement: "insert", table: { name: "users" } },
    { kind: "unknown", reason: "CREATE EVENT is not modelled" },
    { kind: "unknown", reason: "ALTER EXTENSION is not modelled" },
    { kind: "unknown", reason: "CREATE CAST is not modelled" },
    { kind: "unknown", reason: "CREATE RULE is not modelled" },
  ]);
});

test("the PostgreSQL forms migrations use most parse as written", () => {
  const sql = `CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx" ON "t"("a");
ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u(id) NOT VALID;
ALTER TYPE "Role" ADD VALUE IF NOT EXISTS 'OWNER';
CREATE EXTENSION IF NOT EXISTS "pgcrypto";
CREATE TABLE t2 ("at" "TIMESTAMP(3)", tags TEXT[], m "Mood"[] NOT NULL DEFAULT ARRAY[]::"Mood"[], e vector(1536));`;
  assert.deepEqual(readSql(sql).problems, []);
  assert.deepEqual(kindsOf(sql).at(-1), {
    kind: "create_table",
    table: { name: "t2" },
    columns: [
      { name: "at", type: `"TIMESTAMP(3)"`, nullable: true },
      { name: "tags", type: "text[]", nullable: true },
      { name: "m", type: `"Mood"[]`, nullable: false, default: 'ARRAY[]::"Mood"[]' },
      { name: "e", type: "vector(1536)", nullable: true },
    ],
    constraints: [],
  });
});

test("Go-template placeholders of pop migrations are not syntax errors", () => {
  const sql = `CREATE INDEX IF NOT EXISTS users_email_idx ON {{ index .Options "Namespace" }}.users (email);
ALTER TABLE "{{ index .Options "Namespace" }}".users ADD COLUMN IF NOT EXISTS phone text;`;
  assert.deepEqual(readSql(sql).problems, []);
  assert.deepEqual(kindsOf(sql), [
    { kind: "create_index", name: "users_email_idx", table: { name: "users" }, columns: ["email"], unique: false, concurrently: false, objectGuarded: true },
    { kind: "add_column", table: { name: "users" }, column: { name: "phone", type: "text", nullable: true }, objectGuarded: true },
  ]);
});

test("identifiers: unquoted folded to lower case, quoted kept exactly, schema-qualified names split", () => {
  assert.equal(normalizeIdentifier("Users"), "users");
  assert.equal(normalizeIdentifier('"Users"'), "Users");
  assert.equal(normalizeIdentifier('"say ""hi"""'), 'say "hi"');
  assert.equal(normalizeIdentifier("`Users`"), "Users");
  assert.equal(normalizeIdentifier("[Users]"), "Users");
  // PostgreSQL folds only ASCII letters in UTF-8 databases.
  assert.equal(normalizeIdentifier("ÉtéS"), "Étés");
  assert.deepEqual(kindsOf('ALTER TABLE App."Users" ADD COLUMN "eMail" TEXT, ADD COLUMN Phone TEXT'), [
    { kind: "add_column", table: { schema: "app", name: "Users" }, column: { name: "eMail", type: "text", nullable: true } },
    { kind: "add_column", table: { schema: "app", name: "Users" }, column: { name: "phone", type: "text", nullable: true } },
  ]);
  assert.deepEqual(kindsOf("DROP TABLE `Shop`.`Orders`", "mysql"), [{ kind: "drop_table", table: { schema: "Shop", name: "Orders" } }]);
});

test("a data statement too long to parse quickly is read from its tokens", () => {
  const rows = Array.from({ length: 2000 }, (_, i) => `(${i}, 'row ${i}')`).join(",\n");
  const sql = `INSERT INTO app.events (id, label) VALUES ${rows};\nALTER TABLE app.events ADD COLUMN seen boolean;`;
  assert.deepEqual(kindsOf(sql), [
    { kind: "data_change", statement: "insert", table: { schema: "app", name: "events" } },
    { kind: "add_column", table: { schema: "app", name: "events" }, column: { name: "seen", type: "boolean", nullable: true } },
  ]);
});
