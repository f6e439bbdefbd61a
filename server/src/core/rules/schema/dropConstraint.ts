import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";
import { BRIEF_EXCLUSIVE } from "./tableLock";

export const dropConstraint: OperationRule = {
  name: "drop-constraint",
  changeSafety: true,
  severity: "warning",
  nonAdditive: true,
  description: "Dropping a constraint removes a guarantee that code may rely on.",
  lock: BRIEF_EXCLUSIVE,
  checkOperation({ step, report }) {
    const op = step.op;
    if (op.kind !== "drop_constraint" || !onExistingTable(step, op.table)) return;
    report({ message: `Drops constraint '${op.name}' of ${describe(op.table)}: not additive; the data is no longer guaranteed to satisfy it.` });
  },
};
