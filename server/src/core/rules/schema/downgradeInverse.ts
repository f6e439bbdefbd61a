import type { RevisionFile } from "../../alembic/revisionFile";
import type { Operation, QualifiedName } from "../../schema/operations";
import { tableKey } from "../../schema/schemaState";

/** What in downgrade() undoes an upgrade operation: one operation, nothing, or the analysis cannot tell. */
export type DowngradeInverse = { readonly op: Operation } | "none" | "unknown";

/**
 * The downgrade operation that undoes `op` (DROP COLUMN for ADD COLUMN, CREATE TABLE for DROP
 * TABLE, the reverse rename…). Unknown when several match, when one may not run, or when the
 * downgrade holds operations the analysis could not read.
 */
export function downgradeInverse(file: RevisionFile, op: Operation): DowngradeInverse {
  const operations = file.downgrade?.operations ?? [];
  const matches = operations.filter((d) => undoes(d, op));
  if (matches.length > 1 || matches.some((d) => d.conditional) || operations.some((d) => d.kind === "unknown")) return "unknown";
  const [match] = matches;
  return match ? { op: match } : "none";
}

function undoes(d: Operation, op: Operation): boolean {
  const same = (a: { readonly table: QualifiedName }, b: { readonly table: QualifiedName }): boolean => tableKey(a.table) === tableKey(b.table);
  switch (op.kind) {
    case "add_column":
      return d.kind === "drop_column" && same(d, op) && d.column === op.column.name;
    case "drop_column":
      return d.kind === "add_column" && same(d, op) && d.column.name === op.column;
    case "drop_table":
      return d.kind === "create_table" && same(d, op);
    case "rename_table":
      return d.kind === "rename_table" && tableKey(d.table) === tableKey({ ...op.table, name: op.newName }) && d.newName === op.table.name;
    case "alter_column":
      return d.kind === "alter_column" && same(d, op) && d.column === (op.newName ?? op.column);
    case "add_constraint":
      return d.kind === "drop_constraint" && same(d, op) && d.name === op.constraint.name;
    case "drop_constraint":
      return d.kind === "add_constraint" && same(d, op) && d.constraint.name === op.name;
    case "create_index":
      return d.kind === "drop_index" && op.name !== undefined && d.name === op.name;
    default:
      return false;
  }
}
