import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";
import { BRIEF_EXCLUSIVE } from "./tableLock";

export const renameTable: OperationRule = {
  name: "rename-table",
  changeSafety: true,
  severity: "warning",
  nonAdditive: true,
  description: "Renaming a table breaks code that uses the old name.",
  lock: BRIEF_EXCLUSIVE,
  checkOperation({ step, report }) {
    if (step.op.kind !== "rename_table" || !onExistingTable(step, step.op.table)) return;
    report({ message: `Renames table ${describe(step.op.table)} to '${step.op.newName}': not additive; code using the old name breaks until it is deployed.` });
  },
};
