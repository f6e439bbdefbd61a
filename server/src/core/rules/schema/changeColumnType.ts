import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";

export const changeColumnType: OperationRule = {
  name: "change-column-type",
  severity: "warning",
  nonAdditive: true,
  description: "Changing a column's type rewrites the table under a lock and may fail on existing data.",
  checkOperation({ step, report }) {
    const op = step.op;
    if (op.kind !== "alter_column" || op.type === undefined || !onExistingTable(step, op.table)) return;
    const current = step.before.table(op.table)?.columns.get(op.column)?.type ?? op.existingType;
    if (current !== undefined && normalize(current) === normalize(op.type)) return;
    report({
      message: `Changes the type of '${op.column}' on ${describe(op.table)}${current ? ` from ${current}` : ""} to ${op.type}: not additive; the table is rewritten under an exclusive lock and existing values may not convert.`,
    });
  },
};

function normalize(type: string): string {
  return type.toLowerCase().replace(/\s+/g, "");
}
