import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";

export const dataChange: OperationRule = {
  name: "data-change",
  changeSafety: true,
  severity: "info",
  description: "UPDATE, INSERT or DELETE inside a migration: data changes take locks and time proportional to the rows touched.",
  checkOperation({ step, report }) {
    const op = step.op;
    if (op.kind !== "data_change") return;
    report({
      range: op.range,
      message: `${op.statement.toUpperCase()}${op.table ? ` on ${describe(op.table)}` : ""} in a migration: it runs inside the deploy, locking the rows it touches for as long as it takes.`,
    });
  },
};
