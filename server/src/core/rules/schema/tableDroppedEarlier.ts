import type { RevisionFile } from "../../alembic/revisionFile";
import type { FileEdit, Fix } from "../../model/findings";
import type { Operation } from "../../schema/operations";
import type { SqlDialect } from "../../schema/sqlContract";
import type { OperationRule } from "../operationRule";
import { describe, relatedAt, requiredTable, tableExists } from "./tableReferences";
import { writtenAsSql } from "./sourceEdits";
import { tableKey } from "../../schema/schemaState";
import { downgradeInverse } from "./downgradeInverse";
import { ifExistsEdit } from "./ifExistsSql";
import { enclosingExecuteCall } from "./enclosingCall";
import { removeStatement } from "./removeStatement";

export const tableDroppedEarlier: OperationRule = {
  name: "table-dropped-earlier",
  severity: "error",
  description: "An operation on a table that an earlier migration dropped (or renamed away).",
  checkOperation({ step, set, report, display }) {
    const table = requiredTable(step.op);
    if (!table || step.op.guarded || step.op.tableGuarded || tableExists(step.before, table)) return;
    const dropped = step.before.dropped.get(tableKey(table));
    // An operation on a table named at run time may have created it again.
    if (!dropped || step.before.mayHaveBeen("exist", table)) return;
    report({
      range: step.op.tableRange ?? step.op.nameRange ?? step.op.range,
      message: `Table ${describe(table)} was dropped by revision '${dropped.revision}' (${display(dropped.file)}:${dropped.range.start.line + 1}); on a fresh database this fails.`,
      related: [relatedAt(dropped, `${describe(table)} is dropped here`)],
      fixes: droppedTableFixes(step.file, step.op, set.settings.dialect),
    });
  },
};

/**
 * Fixes that keep offline mode (`alembic upgrade --sql`) working and leave the downgrade in step:
 * the operation and its inverse in the downgrade both made to do nothing when the table is gone
 * (IF EXISTS), or both removed. A DROP TABLE whose downgrade creates the table again gets no IF
 * EXISTS: on a fresh database that downgrade would create it twice.
 */
function droppedTableFixes(file: RevisionFile, op: Operation, dialect: SqlDialect): Fix[] {
  const inverse = downgradeInverse(file, op);
  if (inverse === "unknown") return [];
  const undo = inverse === "none" ? undefined : inverse.op;
  const upgrade = file.upgrade?.operations ?? [];
  const downgrade = file.downgrade?.operations ?? [];
  const both = (here: FileEdit | undefined, there: FileEdit | undefined): FileEdit[] | undefined => (here && (!undo || there) ? [here, ...(there ? [there] : [])] : undefined);
  const fixes: Fix[] = [];
  const guard = both(
    ifExistsEdit(file, op, dialect, upgrade),
    undo && ifExistsEdit(file, undo, dialect, downgrade, file.downgrade?.file ?? file.path),
  );
  const sql = writtenAsSql(file, op);
  const where = undo ? (file.path.endsWith(".sql") ? " (here and in the down migration)" : " (here and for its inverse in downgrade())") : "";
  if (guard) fixes.push({ title: `${sql ? "Add IF EXISTS" : "Use IF EXISTS SQL through op.execute"}${where}`, edits: guard });
  // A SQL file's statements are not removed: Add IF EXISTS keeps the file's history readable.
  const removal = file.path.endsWith(".sql") ? undefined : both(removalEdit(file, op, upgrade), undo && removalEdit(file, undo, downgrade));
  if (removal) fixes.push({ title: undo ? "Remove this operation (and its inverse in downgrade())" : "Remove this operation", edits: removal });
  return fixes;
}

/** Deletes the Python statement holding the operation: the op.* call, or an execute() holding only its SQL. */
function removalEdit(file: RevisionFile, op: Operation, block: readonly Operation[]): FileEdit | undefined {
  if (!writtenAsSql(file, op)) return removeStatement(file, op.range);
  const call = enclosingExecuteCall(file, op.range);
  const inside = (o: Operation): boolean => call !== undefined && file.lines.offset(o.range.start) >= file.lines.offset(call.start) && file.lines.offset(o.range.end) <= file.lines.offset(call.end);
  return call && block.filter(inside).length === 1 ? removeStatement(file, call) : undefined;
}
