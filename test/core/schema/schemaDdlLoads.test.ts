import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { citext } from "@electric-sql/pglite/contrib/citext";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import { NodeFileHost } from "../../../server/src/node/nodeFileHost";
import { renderDdl } from "../../../server/src/core/schema/renderDdl";
import { schemaAtHeads } from "../../../server/src/core/schema/schemaAt";
import type { SchemaState } from "../../../server/src/core/schema/schemaState";

// `migration-lens schema` is DDL PostgreSQL loads as it is (PGlite is the judge), and the catalog
// it leaves holds what the replay says: the same tables, columns, types, keys and enum labels.

function replayedSchema(folder: string): SchemaState {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [path.resolve(folder)]);
  workspace.discover();
  const [set] = workspace.analyze().sets;
  assert.ok(set, `no migration set in ${folder}`);
  return schemaAtHeads(set);
}

interface Catalog {
  columns: string[];
  keys: string[];
  indexes: string[];
  enums: string[];
}

async function catalogOf(db: PGlite): Promise<Catalog> {
  const user = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')";
  const columns = await db.query<{ c: string }>(
    `SELECT n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END AS c
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND ${user} ORDER BY 1`,
  );
  const keys = await db.query<{ c: string }>(
    `SELECT c.relname || ' ' || k.contype::text || ' ' || k.conname AS c FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype IN ('p', 'u', 'f', 'c') AND ${user} ORDER BY 1`,
  );
  const indexes = await db.query<{ c: string }>(`SELECT indexdef AS c FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`);
  const enums = await db.query<{ c: string }>(
    `SELECT t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS c FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid GROUP BY t.typname ORDER BY 1`,
  );
  return { columns: columns.rows.map((r) => r.c), keys: keys.rows.map((r) => r.c), indexes: indexes.rows.map((r) => r.c), enums: enums.rows.map((r) => r.c) };
}

/** Runs the migrations themselves on PostgreSQL, in order: the catalog the replay must equal. */
async function catalogAfterMigrations(files: string[]): Promise<Catalog> {
  const fs = await import("node:fs");
  const db = new PGlite({ extensions: { citext } });
  try {
    for (const file of files) await db.exec(fs.readFileSync(file, "utf8"));
    return await catalogOf(db);
  } finally {
    await db.close();
  }
}

async function catalogOfDdl(ddl: string): Promise<Catalog> {
  const db = new PGlite({ extensions: { citext } });
  try {
    await db.exec(ddl);
    return await catalogOf(db);
  } finally {
    await db.close();
  }
}

const RENAMES = "test/fixtures/schema-ddl/prisma-renames/prisma";

test("schema DDL loads into PostgreSQL and leaves the catalog the migrations leave: renames, reserved words, key order, index methods and predicates, extensions", async () => {
  const ddl = renderDdl(replayedSchema(RENAMES), "heads", process.cwd());
  const migrations = ["20240101000000_init", "20240201000000_renames", "20240301000000_more"].map((m) => path.join(RENAMES, "migrations", m, "migration.sql"));
  assert.deepEqual(await catalogOfDdl(ddl), await catalogAfterMigrations(migrations));
  // Each object once; reserved words quoted; foreign keys after every table.
  assert.equal(ddl.match(/CREATE INDEX "order_userId_idx"/g)?.length, 1);
  assert.match(ddl, /CREATE TABLE "order" \(/);
  assert.match(ddl, /"limit" integer NOT NULL DEFAULT 10/);
  assert.ok(ddl.lastIndexOf("CREATE TABLE") < ddl.indexOf("FOREIGN KEY"));
});

test("the bundled examples' schema DDL loads into PostgreSQL", async () => {
  for (const folder of ["examples/shop-prisma", "examples/blog"]) {
    const ddl = renderDdl(replayedSchema(folder), "heads", process.cwd());
    const catalog = await catalogOfDdl(ddl);
    assert.ok(catalog.columns.length > 0, folder);
  }
});

test("what the replay does not know stays a comment: a foreign key to a table no migration creates", async () => {
  const state = replayedSchema("test/fixtures/schema-ddl/prisma-renames/prisma");
  const users = state.table({ name: "users" });
  assert.ok(users);
  users.assumed = true;
  users.columns.clear();
  const ddl = renderDdl(state, "heads", process.cwd());
  assert.match(ddl, /^-- ALTER TABLE "order" ADD FOREIGN KEY \("userId"\) REFERENCES users \(id\); \(users is not created by the migrations\)$/m);
  await catalogOfDdl(ddl);
});
