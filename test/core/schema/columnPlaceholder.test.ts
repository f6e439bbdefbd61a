import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { PGlite } from "@electric-sql/pglite";
import { citext } from "@electric-sql/pglite/contrib/citext";
import initSqlJs from "sql.js/dist/sql-wasm-inline.js";
import { placeholderDefault, placeholderTypes } from "../../../server/src/core/rules/schema/columnPlaceholder";
import type { EnumState } from "../../../server/src/core/schema/schemaState";

// Every placeholder is a default the database takes for a NOT NULL column added to a table that
// has a row: proven on PostgreSQL (PGlite) and SQLite (sql.js), type by type.
let db: PGlite;
before(async () => {
  db = new PGlite({ extensions: { citext } });
  await db.exec(`CREATE EXTENSION citext; CREATE TYPE "OrderStatus" AS ENUM ('pending', 'paid'); CREATE SCHEMA shop; CREATE TYPE shop.mood AS ENUM ('it''s ok');`);
});
after(async () => {
  await db.close();
});

const at = { revision: "r", file: "f", range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
const ENUMS = new Map<string, EnumState>([
  ["OrderStatus", { name: { name: "OrderStatus" }, values: ["pending", "paid"], created: at }],
  ["shop.mood", { name: { schema: "shop", name: "mood" }, values: ["it's ok"], created: at }],
  ["labels_unknown", { name: { name: "labels_unknown" }, values: [], created: at }],
]);

/** Adds the column to a table holding one row, in a transaction rolled back after. */
async function addToTableWithRow(type: string, value: string): Promise<unknown> {
  await db.exec("BEGIN; CREATE TABLE t (id int); INSERT INTO t VALUES (1);");
  try {
    await db.exec(`ALTER TABLE t ADD COLUMN c ${type} NOT NULL DEFAULT ${value}`);
    return (await db.query<{ c: unknown }>("SELECT c FROM t")).rows[0]?.c;
  } finally {
    await db.exec("ROLLBACK");
  }
}

// As the operations carry them: sizes, arrays, quoted and schema-qualified names.
const POSTGRES_SPELLINGS = ["varchar(255)", "character varying(20)", "char(3)", "numeric(10,2)", "timestamp(3)", "timestamp(3) with time zone", "interval", "interval day to second", "integer[]", "text[][]", '"OrderStatus"', '"OrderStatus"[]', "shop.mood"];

test("PostgreSQL takes every placeholder, on a table with a row", async () => {
  for (const type of [...placeholderTypes("postgresql"), ...POSTGRES_SPELLINGS]) {
    const value = placeholderDefault({ type }, ENUMS, "postgresql");
    assert.ok(value !== undefined, `no placeholder for ${type}`);
    await assert.doesNotReject(addToTableWithRow(type, value), `${type} DEFAULT ${value}`);
  }
});

test("an enum gets its first label; an array the empty one", async () => {
  assert.equal(placeholderDefault({ type: '"OrderStatus"' }, ENUMS, "postgresql"), "'pending'");
  assert.equal(await addToTableWithRow('"OrderStatus"', "'pending'"), "pending");
  assert.equal(placeholderDefault({ type: "shop.mood" }, ENUMS, "postgresql"), "'it''s ok'");
  // Any array, even of a type not read, takes the empty array.
  assert.equal(placeholderDefault({ type: "unknown[]" }, ENUMS, "postgresql"), "'{}'");
  assert.equal(placeholderDefault({ type: "enum('small','large')" }, ENUMS, "mysql"), "'small'");
  // The replay's labels win over those a column declares; a column's own serve where the replay has none.
  assert.equal(placeholderDefault({ type: "OrderStatus", labels: ["paid"] }, ENUMS, "postgresql"), "'pending'");
  assert.equal(placeholderDefault({ type: "varchar(4)", labels: ["low", "high"] }, ENUMS, "postgresql"), "'low'");
});

test("no value for a type it does not know: a domain, an enum without known labels, a library type", () => {
  for (const type of ["positive_int", '"Status"', "labels_unknown", "sqlalchemy_utils.types.choice.choicetype", "point", "geometry", "bit(1)", undefined]) {
    assert.equal(placeholderDefault({ type }, ENUMS, "postgresql"), undefined, String(type));
  }
  // Types only some databases give a literal default.
  assert.equal(placeholderDefault({ type: "text" }, ENUMS, "mysql"), undefined);
  assert.equal(placeholderDefault({ type: "datetime(6)" }, ENUMS, "mysql"), "CURRENT_TIMESTAMP(6)");
  assert.equal(placeholderDefault({ type: "timestamp" }, ENUMS, "sqlite"), undefined);
  assert.equal(placeholderDefault({ type: "integer[]" }, ENUMS, "sqlite"), undefined);
});

test("SQLite takes every placeholder, on a table with a row", async () => {
  const SQL = await initSqlJs();
  const sqlite = new SQL.Database();
  try {
    for (const type of placeholderTypes("sqlite")) {
      const value = placeholderDefault({ type }, ENUMS, "sqlite");
      assert.ok(value !== undefined, type);
      sqlite.exec("BEGIN; CREATE TABLE t (id int); INSERT INTO t VALUES (1);");
      try {
        assert.doesNotThrow(() => sqlite.exec(`ALTER TABLE t ADD COLUMN c ${type} NOT NULL DEFAULT ${value}`), `${type} DEFAULT ${value}`);
      } finally {
        sqlite.exec("ROLLBACK");
      }
    }
  } finally {
    sqlite.close();
  }
});
