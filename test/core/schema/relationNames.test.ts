import { test } from "node:test";
import * as assert from "node:assert/strict";
import { applyOperation } from "../../../server/src/core/schema/applyOperation";
import type { Operation } from "../../../server/src/core/schema/operations";
import type { NameHolder } from "../../../server/src/core/schema/relationNames";
import { SchemaState } from "../../../server/src/core/schema/schemaState";

type WithoutRange<T> = T extends unknown ? Omit<T, "range"> : never;

let line = 0;
/** Applies the operations as a revision would, each from its own line. */
function apply(state: SchemaState, revision: string, ops: WithoutRange<Operation>[]): void {
  for (const op of ops) {
    const range = { start: { line: ++line, character: 0 }, end: { line, character: 10 } };
    applyOperation(state, { ...op, range } as Operation, { revision, file: `/m/${revision}.py`, range });
  }
}

const HOLDERS: readonly NameHolder[] = ["table", "index", "key", "constraint"];

/** Every name each table of the state holds, read from the tables themselves. */
function scanned(state: SchemaState): Set<string> {
  const names = new Set<string>();
  for (const table of state.tables.values()) {
    const schema = table.name.schema ?? "public";
    names.add(`table ${schema}.${table.name.name}`);
    for (const index of table.indexes) if (index.name !== undefined) names.add(`index ${schema}.${index.name}`);
    for (const c of table.constraints) {
      const name = c.name ?? c.generatedName;
      if (name !== undefined) names.add(`${c.kind === "primary_key" || c.kind === "unique" ? "key" : "constraint"} ${schema}.${name}`);
    }
  }
  return names;
}

/** The index agrees with a scan, for every name the scan or `alsoAsked` holds. */
function assertAgrees(state: SchemaState, alsoAsked: readonly string[]): void {
  const scan = scanned(state);
  const asked = new Set([...scan].map((entry) => entry.slice(entry.indexOf(" ") + 1)));
  for (const name of alsoAsked) asked.add(name);
  for (const qualified of asked) {
    const [schema, name] = qualified.split(".") as [string, string];
    for (const holder of HOLDERS) assert.equal(state.holdsName(schema, name, [holder]), scan.has(`${holder} ${qualified}`), `${holder} ${qualified}`);
  }
}

const id = { name: "id", type: "integer", nullable: false };

test("the relation-name index agrees with the tables after creates, renames and drops across a branch point and a merge", () => {
  const base = new SchemaState();
  apply(base, "a", [
    { kind: "create_table", table: { name: "users" }, columns: [{ ...id, primaryKey: true }], constraints: [] },
    { kind: "create_table", table: { schema: "billing", name: "invoices" }, columns: [id], constraints: [{ kind: "primary_key", columns: ["id"] }] },
    { kind: "create_index", table: { name: "users" }, name: "ix_users_id", columns: ["id"], unique: false, concurrently: false },
  ]);
  const gone = ["public.users_pkey", "public.accounts", "public.ix_accounts", "billing.bills", "public.uq_users", "public.ix_users_id", "public.users"];
  assertAgrees(base, gone);

  const other = base.clone();
  apply(base, "b", [
    { kind: "rename_table", table: { name: "users" }, newName: "accounts" },
    { kind: "rename_index", name: "ix_users_id", newName: "ix_accounts" },
    { kind: "add_constraint", table: { name: "accounts" }, constraint: { kind: "unique", name: "uq_users", columns: ["id"] }, notValid: false },
  ]);
  apply(other, "c", [
    { kind: "rename_table", table: { schema: "billing", name: "invoices" }, newName: "bills" },
    { kind: "create_table", table: { name: "orders" }, columns: [{ ...id, primaryKey: true }], constraints: [] },
    { kind: "alter_column", table: { name: "orders" }, column: "id", newName: "order_id", identity: "ALWAYS" },
    { kind: "drop_index", name: "ix_users_id", concurrently: false },
  ]);
  // Each side as it changed, and the other as it was at the branch point.
  assertAgrees(base, gone);
  assertAgrees(other, gone);

  base.mergeFrom(other);
  apply(base, "d", [
    { kind: "rename_constraint", table: { name: "accounts" }, name: "uq_users", newName: "uq_accounts" },
    { kind: "drop_table", table: { name: "orders" } },
  ]);
  assertAgrees(base, [...gone, "public.orders", "public.orders_pkey", "public.uq_accounts"]);
  assertAgrees(other, gone);
});
