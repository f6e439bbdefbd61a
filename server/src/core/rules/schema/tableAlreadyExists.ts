import type { OperationRule } from "../operationRule";
import { describe, relatedAt } from "./tableReferences";
import { insertAt, writtenAsSql } from "./sourceEdits";

export const tableAlreadyExists: OperationRule = {
  name: "table-already-exists",
  severity: "error",
  description: "CREATE TABLE of a table an earlier migration (or the baseline) already created.",
  checkOperation({ step, report, display }) {
    const op = step.op;
    if (op.kind !== "create_table" || op.guarded) return;
    const existing = step.before.table(op.table);
    // A table used before it was created was reported then (table-not-found), not here; one that
    // may or may not be there (a conditional operation's, a tool's or framework's) is no sure duplicate.
    if (!existing || existing.assumed || existing.sibling || existing.maybe || existing.providedBy !== undefined) return;
    // A drop or rename of a table named at run time may have removed it.
    if (step.before.mayHaveBeen("be-gone", op.table)) return;
    const where = existing.external ? "it is declared external" : `revision '${existing.created.revision}' created it (${display(existing.created.file)}:${existing.created.range.start.line + 1})`;
    report({
      message: `Table ${describe(op.table)} already exists: ${where}. On a fresh database this fails.`,
      related: existing.external ? [] : [relatedAt(existing.created, `${describe(op.table)} is created here`)],
      fixes: writtenAsSql(step.file, op) && op.nameRange ? [{ title: "Add IF NOT EXISTS", edits: [insertAt(step.file, op.nameRange.start, "IF NOT EXISTS ")] }] : [],
    });
  },
};
