import { test } from "node:test";
import * as assert from "node:assert/strict";
import { PGlite } from "@electric-sql/pglite";
import type { Operation } from "../../../server/src/core/schema/operations";
import { ifExistsStatement } from "../../../server/src/core/rules/schema/ifExistsSql";
import { errorCode } from "../../support/fixProject";

// Every statement table-dropped-earlier's fix writes for an op.* call, run by PostgreSQL (PGlite)
// where the table exists (it does what the call did) and where it is gone (it does nothing).
const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const legacy = { name: "legacy" };
const OPS: Operation[] = [
  { kind: "add_column", table: legacy, column: { name: "payload", type: "varchar(32)", nullable: false, default: "'none'" }, range: at },
  { kind: "add_column", table: legacy, column: { name: "seen_at", type: "timestamp with time zone", nullable: true }, range: at },
  { kind: "drop_column", table: legacy, column: "note", range: at },
  { kind: "alter_column", table: legacy, column: "kind", type: "text", using: "kind::text", nullable: false, default: "'signup'", range: at },
  { kind: "alter_column", table: legacy, column: "kind", default: null, range: at },
  { kind: "alter_column", table: legacy, column: "kind", newName: "category", range: at },
  { kind: "drop_constraint", table: legacy, name: "legacy_kind_check", range: at },
  { kind: "rename_table", table: legacy, newName: "legacy_old", range: at },
  { kind: "drop_table", table: { name: "order" }, range: at },
];

test("the IF EXISTS statements are PostgreSQL's: they change the table that exists and do nothing when it is gone", async () => {
  const db = new PGlite();
  try {
    for (const op of OPS) {
      const sql = ifExistsStatement(op);
      assert.ok(sql, op.kind);
      await db.exec(`CREATE TABLE legacy (id integer PRIMARY KEY, kind varchar(16) CONSTRAINT legacy_kind_check CHECK (kind <> ''), note text); CREATE TABLE "order" (id integer);`);
      assert.equal(await errorCode(db, `BEGIN; ${sql}; COMMIT;`), undefined, sql);
      await db.exec('DROP TABLE IF EXISTS legacy, legacy_old, "order"');
      assert.equal(await errorCode(db, `BEGIN; ${sql}; COMMIT;`), undefined, `${sql} (table gone)`);
    }
  } finally {
    await db.close();
  }
});

test("what cannot be written again exactly gets no statement: keys, identity, unknown types, a rename with other changes", () => {
  const unwritable: Operation[] = [
    { kind: "add_column", table: legacy, column: { name: "user_id", type: "integer", nullable: true, references: { table: { name: "users" }, columns: ["id"] } }, range: at },
    { kind: "add_column", table: legacy, column: { name: "n", type: "integer", nullable: false, generated: true }, range: at },
    { kind: "add_column", table: legacy, column: { name: "mood", nullable: true }, range: at },
    { kind: "alter_column", table: legacy, column: "kind", newName: "category", nullable: true, range: at },
    { kind: "create_index", name: "ix_legacy_kind", table: legacy, columns: ["kind"], unique: false, concurrently: false, range: at },
  ];
  for (const op of unwritable) assert.equal(ifExistsStatement(op), undefined, op.kind);
});
