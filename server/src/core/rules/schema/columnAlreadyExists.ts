import type { OperationRule } from "../operationRule";
import { describe, relatedAt } from "./tableReferences";
import { insertAt, writtenAsSql } from "./sourceEdits";

export const columnAlreadyExists: OperationRule = {
  name: "column-already-exists",
  severity: "error",
  description: "ADD COLUMN of a column the table already has.",
  checkOperation({ step, set, report, display }) {
    const op = step.op;
    if (op.kind !== "add_column" || op.guarded || op.objectGuarded) return;
    const existing = step.before.table(op.table)?.columns.get(op.column.name);
    // A column a conditional operation added (or failed to drop) may not be there.
    if (!existing || existing.maybe) return;
    const sqlColumn = set.settings.dialect === "postgresql" && writtenAsSql(step.file, op) ? findColumnKeyword(step.file.text.slice(step.file.lines.offset(op.range.start), step.file.lines.offset(op.range.end))) : undefined;
    report({
      message: `Table ${describe(op.table)} already has column '${op.column.name}' (added by revision '${existing.created.revision}', ${display(existing.created.file)}:${existing.created.range.start.line + 1}).`,
      related: [relatedAt(existing.created, `'${op.column.name}' is added here`)],
      fixes:
        sqlColumn === undefined
          ? []
          : [{ title: "Add IF NOT EXISTS", edits: [insertAt(step.file, step.file.lines.position(step.file.lines.offset(op.range.start) + sqlColumn), "IF NOT EXISTS ")] }],
    });
  },
};

/** Offset just after `ADD COLUMN ` in a one-action ALTER TABLE, where IF NOT EXISTS goes. */
function findColumnKeyword(statement: string): number | undefined {
  const upper = statement.toUpperCase();
  const index = upper.indexOf("ADD COLUMN ");
  if (index < 0 || upper.indexOf("ADD ", index + 4) >= 0) return undefined;
  return index + "ADD COLUMN ".length;
}
