import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";
import { notValidFix } from "./notValidFix";

export const addForeignKey: OperationRule = {
  name: "add-foreign-key",
  changeSafety: true,
  severity: "warning",
  description: "A foreign key added to an existing table (PostgreSQL) without NOT VALID locks both tables while every row is checked.",
  lock: () => ({ mode: "SHARE ROW EXCLUSIVE", blocks: "writes", during: "scan" }),
  checkOperation({ step, set, report }) {
    const op = step.op;
    if (set.settings.dialect !== "postgresql" || op.kind !== "add_constraint" || op.constraint.kind !== "foreign_key" || op.notValid) return;
    if (!onExistingTable(step, op.table)) return;
    const fix = notValidFix(step.file, op);
    report({
      message: `Adds a foreign key to ${describe(op.table)}, which already exists, without NOT VALID: every row is checked while writes to both tables are blocked. Add it NOT VALID and VALIDATE it in a separate statement.`,
      fixes: fix ? [fix] : [],
    });
  },
};
