import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";
import { columnsExist } from "./columnsExist";
import { INDEX_BUILD } from "./tableLock";

export const addUniqueConstraint: OperationRule = {
  name: "add-unique-constraint",
  changeSafety: true,
  severity: "warning",
  description: "A unique index or constraint on an existing table fails on duplicates and locks the table while it builds.",
  lock: (op) => (op.kind !== "create_index" ? { mode: "ACCESS EXCLUSIVE", blocks: "reads and writes", during: "index build" } : op.concurrently ? undefined : INDEX_BUILD),
  checkOperation({ step, report }) {
    const op = step.op;
    const unique =
      (op.kind === "create_index" && op.unique) || (op.kind === "add_constraint" && (op.constraint.kind === "unique" || op.constraint.kind === "primary_key"));
    if (!unique || !("table" in op) || !op.table || !onExistingTable(step, op.table)) return;
    const columns = op.kind === "create_index" ? op.columns : op.kind === "add_constraint" ? op.constraint.columns : [];
    if (!columnsExist(step, op.table, columns)) return;
    if (op.kind === "create_index" && op.concurrently) {
      report({ message: `Adds a unique index on ${describe(op.table)}, which already exists: it fails if existing rows hold duplicates.` });
      return;
    }
    report({ message: `Adds a unique constraint on ${describe(op.table)}, which already exists: it fails if existing rows hold duplicates, and writes are blocked while the index builds.` });
  },
};
