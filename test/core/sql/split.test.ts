import { test } from "node:test";
import * as assert from "node:assert/strict";
import { splitSqlStatements } from "../../../server/src/core/sql/splitStatements";
import { migrationSections } from "../../../server/src/core/sql/upDownSections";
import type { SqlDialect } from "../../../server/src/core/schema/sqlContract";

const texts = (sql: string, dialect: SqlDialect = "postgresql") => splitSqlStatements(sql, dialect).map((s) => s.text);

test("statements end at semicolons; leading comments and the delimiter are not part of them", () => {
  const sql = '-- CreateTable\nCREATE TABLE "a" ("id" TEXT);\n\n-- AddForeignKey\nALTER TABLE "b" ADD COLUMN "x" INT;\n';
  const statements = splitSqlStatements(sql, "postgresql");
  assert.deepEqual(statements, [
    { start: 15, end: 43, text: 'CREATE TABLE "a" ("id" TEXT)' },
    { start: 63, end: 97, text: 'ALTER TABLE "b" ADD COLUMN "x" INT' },
  ]);
  assert.equal(sql.slice(statements[1]!.start, statements[1]!.end), statements[1]!.text);
});

test("semicolons inside quotes with doubled quotes, quoted names and comments split nothing", () => {
  assert.deepEqual(texts(`INSERT INTO t VALUES ('it''s; fine'); SELECT "a;""b" FROM t -- not; here\n; /* nor ; here */ SELECT 2`), [
    "INSERT INTO t VALUES ('it''s; fine')",
    'SELECT "a;""b" FROM t',
    "SELECT 2",
  ]);
});

test("PostgreSQL E'' strings take backslash escapes; standard strings do not", () => {
  assert.deepEqual(texts(`UPDATE t SET a = E'x\\'; y'; SELECT 'C:\\'; SELECT 3`), ["UPDATE t SET a = E'x\\'; y'", "SELECT 'C:\\'", "SELECT 3"]);
});

test("dollar quotes, tagged or not, hold function bodies whole; $1 is a parameter", () => {
  const sql = [
    "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.a := 1; RETURN NEW; END; $$ LANGUAGE plpgsql;",
    "DO $body$ BEGIN PERFORM 1; /* $$ */ END $body$;",
    "SELECT $1;",
  ].join("\n");
  assert.deepEqual(texts(sql), [
    "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.a := 1; RETURN NEW; END; $$ LANGUAGE plpgsql",
    "DO $body$ BEGIN PERFORM 1; /* $$ */ END $body$",
    "SELECT $1",
  ]);
});

test("PostgreSQL block comments nest; MySQL's end at the first */", () => {
  assert.deepEqual(texts("/* a /* b; */ c; */ SELECT 1; SELECT 2"), ["SELECT 1", "SELECT 2"]);
  assert.deepEqual(texts("/* a /* b; */ SELECT 1; SELECT 2", "mysql"), ["SELECT 1", "SELECT 2"]);
});

test("MySQL: backticks, backslash escapes in both quotes, # comments, and DELIMITER", () => {
  const sql = [
    "INSERT INTO `a;b` VALUES ('it\\'s;', \"q\\\";\"); # comment; here",
    "DELIMITER //",
    "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END//",
    "DELIMITER ;",
    "SELECT 1;",
  ].join("\n");
  assert.deepEqual(texts(sql, "mysql"), [
    "INSERT INTO `a;b` VALUES ('it\\'s;', \"q\\\";\")",
    "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END",
    "SELECT 1",
  ]);
});

test("trigger bodies (BEGIN … END) keep their semicolons, CASE … END inside them too; a column named begin opens nothing", () => {
  const sql = [
    "CREATE TRIGGER t AFTER INSERT ON x BEGIN UPDATE y SET n = CASE WHEN 1 THEN 2 END; DELETE FROM z; END;",
    "CREATE TABLE events (begin INTEGER, e INTEGER);",
    "SELECT 1;",
  ].join("\n");
  assert.deepEqual(texts(sql, "sqlite"), [
    "CREATE TRIGGER t AFTER INSERT ON x BEGIN UPDATE y SET n = CASE WHEN 1 THEN 2 END; DELETE FROM z; END",
    "CREATE TABLE events (begin INTEGER, e INTEGER)",
    "SELECT 1",
  ]);
});

test("SQLite [bracketed] names; a string never closed runs to the end and is marked", () => {
  assert.deepEqual(texts("SELECT [a;b] FROM t; SELECT 2", "sqlite"), ["SELECT [a;b] FROM t", "SELECT 2"]);
  assert.deepEqual(splitSqlStatements("SELECT 1; SELECT 'oops; SELECT 3", "postgresql").map((s) => [s.text, s.unterminated ?? false]), [
    ["SELECT 1", false],
    ["SELECT 'oops; SELECT 3", true],
  ]);
});

test("goose StatementBegin / StatementEnd group a statement", () => {
  const sql = "-- +goose Up\n-- +goose StatementBegin\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1; SELECT 1;\n-- +goose StatementEnd\nSELECT 2;";
  assert.deepEqual(texts(sql, "mysql"), ["CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1; SELECT 1;", "SELECT 2"]);
});

test("up and down sections of goose, sql-migrate and dbmate files", () => {
  const goose = "-- +goose Up\nCREATE TABLE t (a int);\n-- +goose Down\nDROP TABLE t;\n";
  const sections = migrationSections(goose);
  assert.equal(sections.format, "goose");
  assert.equal(goose.slice(sections.up.start, sections.up.end), "CREATE TABLE t (a int);\n");
  assert.equal(goose.slice(sections.down!.start, sections.down!.end), "DROP TABLE t;\n");

  const dbmate = "-- migrate:up\nCREATE TABLE t (a int);\n\n-- migrate:down\nDROP TABLE t;";
  const d = migrationSections(dbmate);
  assert.deepEqual([d.format, dbmate.slice(d.up.start, d.up.end), dbmate.slice(d.down!.start, d.down!.end)], ["dbmate", "CREATE TABLE t (a int);\n\n", "DROP TABLE t;"]);

  assert.equal(migrationSections("-- +migrate Up\nSELECT 1;\n-- +migrate Down\n").format, "sql-migrate");
  assert.deepEqual(migrationSections("CREATE TABLE t (a int);"), { up: { start: 0, end: 23 } });
});

test("pg_dump's COPY … FROM stdin data rows, up to \\., and psql backslash commands are not statements", () => {
  const sql = "\\restrict abc123\n\\connect app\nCOPY public.t (a, b) FROM stdin;\n1\tit's; odd\n2\t\\N\n\\.\n\nALTER TABLE t ADD COLUMN c int;";
  assert.deepEqual(texts(sql), ["COPY public.t (a, b) FROM stdin", "ALTER TABLE t ADD COLUMN c int"]);
});
