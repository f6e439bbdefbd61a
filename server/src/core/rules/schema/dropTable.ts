import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";

export const dropTable: OperationRule = {
  name: "drop-table",
  severity: "warning",
  nonAdditive: true,
  description: "Dropping a table loses its data, and code still reading it breaks.",
  checkOperation({ step, report }) {
    if (step.op.kind !== "drop_table" || !onExistingTable(step, step.op.table)) return;
    report({ message: `Drops table ${describe(step.op.table)} and its data: not additive; code still using it breaks during the deploy.` });
  },
};
