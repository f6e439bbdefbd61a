import { requiredColumns } from "../../schema/requiredTable";
import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { caseInsensitive, hasColumn } from "./columnsExist";

export const columnNotFound: OperationRule = {
  name: "column-not-found",
  severity: "error",
  description: "An operation on a column the table does not have at that point.",
  checkOperation({ step, report }) {
    const op = step.op;
    if (op.guarded || (op.kind === "drop_column" && op.objectGuarded) || !("table" in op) || !op.table) return;
    if (step.before.incomplete) return;
    const table = step.before.table(op.table);
    // External tables' columns are not known: nothing can be said about them.
    if (!table || !table.columnsKnown) return;
    // An operation the analysis could not read may have added it.
    if (step.before.unreadOperations) return;
    const missing = requiredColumns(op).filter((c) => !hasColumn(table.columns, c, caseInsensitive(step)));
    if (missing.length === 0) return;
    report({
      message: `Table ${describe(op.table)} has no column ${missing.map((c) => `'${c}'`).join(", ")} at this point (it has ${[...table.columns.keys()].map((c) => `'${c}'`).join(", ") || "no columns"}).`,
    });
  },
};
