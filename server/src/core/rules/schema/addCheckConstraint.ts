import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";
import { notValidFix } from "./notValidFix";

export const addCheckConstraint: OperationRule = {
  name: "add-check-constraint",
  changeSafety: true,
  severity: "warning",
  description: "A CHECK constraint added to an existing table (PostgreSQL) without NOT VALID blocks writes while every row is checked.",
  lock: () => ({ mode: "ACCESS EXCLUSIVE", blocks: "reads and writes", during: "scan" }),
  checkOperation({ step, set, report }) {
    const op = step.op;
    if (set.settings.dialect !== "postgresql" || op.kind !== "add_constraint" || op.constraint.kind !== "check" || op.notValid) return;
    if (!onExistingTable(step, op.table)) return;
    const fix = notValidFix(step.file, op);
    report({
      message: `Adds a CHECK constraint to ${describe(op.table)}, which already exists, without NOT VALID: writes are blocked while every row is checked. Add it NOT VALID and VALIDATE it in a separate statement.`,
      fixes: fix ? [fix] : [],
    });
  },
};
