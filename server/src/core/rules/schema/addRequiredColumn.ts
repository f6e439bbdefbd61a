import type { ColumnSpec } from "../../schema/operations";
import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";
import { requiredColumnFixes } from "./requiredColumnFixes";
import { BRIEF_EXCLUSIVE } from "./tableLock";

export const addRequiredColumn: OperationRule = {
  name: "add-required-column",
  changeSafety: true,
  severity: "warning",
  nonAdditive: true,
  description: "Adding a NOT NULL column without a default to a table that already has rows fails.",
  lock: BRIEF_EXCLUSIVE,
  checkOperation({ step, report }) {
    const op = step.op;
    if (op.kind !== "add_column" || !isRequiredWithoutDefault(op.column) || !onExistingTable(step, op.table)) return;
    // Emptied earlier in the same migration (DELETE FROM t): there are no rows to hold NULL.
    const before = step.file.upgrade?.operations.slice(0, step.file.upgrade.operations.indexOf(op)) ?? [];
    if (before.some((o) => o.kind === "data_change" && o.statement === "delete" && o.table?.name === op.table.name)) return;
    report({
      message: `Adds NOT NULL column '${op.column.name}' without a default to ${describe(op.table)}, which already exists: if it has rows, this fails ("column contains null values"). Give it a server default, or add it nullable and backfill.`,
      fixes: requiredColumnFixes(step, op),
    });
  },
};

function isRequiredWithoutDefault(column: ColumnSpec): boolean {
  return !column.nullable && column.default === undefined && !column.generated && !column.primaryKey;
}
