import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";
import { columnsExist } from "./columnsExist";
import { BRIEF_EXCLUSIVE } from "./tableLock";

export const renameColumn: OperationRule = {
  name: "rename-column",
  changeSafety: true,
  severity: "warning",
  nonAdditive: true,
  description: "Renaming a column breaks code that uses the old name.",
  lock: BRIEF_EXCLUSIVE,
  checkOperation({ step, report }) {
    const op = step.op;
    if (op.kind !== "alter_column" || op.newName === undefined || op.newName === op.column || !onExistingTable(step, op.table) || !columnsExist(step, op.table, [op.column])) return;
    report({ message: `Renames column '${op.column}' of ${describe(op.table)} to '${op.newName}': not additive; code using the old name breaks until it is deployed.` });
  },
};
