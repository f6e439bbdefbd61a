import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";
import { columnsExist } from "./columnsExist";
import { BRIEF_EXCLUSIVE } from "./tableLock";

export const dropColumn: OperationRule = {
  name: "drop-column",
  changeSafety: true,
  severity: "warning",
  nonAdditive: true,
  description: "Dropping a column loses its data, and code still reading it breaks.",
  lock: BRIEF_EXCLUSIVE,
  checkOperation({ step, report }) {
    if (step.op.kind !== "drop_column" || !onExistingTable(step, step.op.table) || !columnsExist(step, step.op.table, [step.op.column])) return;
    report({ message: `Drops column '${step.op.column}' of ${describe(step.op.table)}: not additive; running code that still selects it fails until it is deployed.` });
  },
};
