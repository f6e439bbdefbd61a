import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";
import { BRIEF_EXCLUSIVE } from "./tableLock";

export const dropTable: OperationRule = {
  name: "drop-table",
  changeSafety: true,
  severity: "warning",
  nonAdditive: true,
  description: "Dropping a table loses its data, and code still reading it breaks.",
  lock: BRIEF_EXCLUSIVE,
  checkOperation({ step, report }) {
    const op = step.op;
    if (op.kind !== "drop_table" || !onExistingTable(step, op.table)) return;
    // SQLite's table rebuild (create new, copy, drop old, rename new to old) keeps the table.
    const later = step.file.upgrade?.operations ?? [];
    if (later.slice(later.indexOf(op) + 1).some((l) => l.kind === "rename_table" && l.newName === op.table.name)) return;
    report({ message: `Drops table ${describe(op.table)} and its data: not additive; code still using it breaks during the deploy.` });
  },
};
