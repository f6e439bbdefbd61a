import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";
import { columnsExist } from "./columnsExist";

export const setNotNull: OperationRule = {
  name: "set-not-null",
  changeSafety: true,
  severity: "warning",
  nonAdditive: true,
  description: "Making an existing column NOT NULL scans the table under a lock and fails if any row has NULL.",
  lock: () => ({ mode: "ACCESS EXCLUSIVE", blocks: "reads and writes", during: "scan" }),
  checkOperation({ step, report }) {
    const op = step.op;
    if (op.kind !== "alter_column" || op.nullable !== false || !onExistingTable(step, op.table) || !columnsExist(step, op.table, [op.column])) return;
    const column = step.before.table(op.table)?.columns.get(op.column);
    if (column && !column.nullable) return;
    report({
      message: `Makes '${op.column}' of ${describe(op.table)} NOT NULL: the whole table is scanned under an exclusive lock, and it fails if any row holds NULL. Backfill first; on PostgreSQL add a CHECK (... IS NOT NULL) NOT VALID, validate it, then set NOT NULL.`,
    });
  },
};
