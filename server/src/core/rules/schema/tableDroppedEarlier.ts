import type { Fix } from "../../model/findings";
import type { OperationRule } from "../operationRule";
import { describe, relatedAt, requiredTable, tableExists } from "./tableReferences";
import { hasTableGuard, insertAt, wrapInBlock, writtenAsSql } from "./sourceEdits";
import { tableKey } from "../../schema/schemaState";

/** Statements that accept IF EXISTS right before the table name. */
const IF_EXISTS_KINDS = new Set(["drop_table", "rename_table", "add_column", "drop_column", "alter_column", "add_constraint", "drop_constraint", "validate_constraint"]);

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
    const fixes: Fix[] = [];
    if (writtenAsSql(step.file, step.op)) {
      // DROP TABLE IF EXISTS is everywhere; ALTER TABLE IF EXISTS only in PostgreSQL.
      const supported = step.op.kind === "drop_table" || set.settings.dialect === "postgresql";
      if (supported && IF_EXISTS_KINDS.has(step.op.kind) && step.op.nameRange) fixes.push({ title: "Add IF EXISTS", edits: [insertAt(step.file, step.op.nameRange.start, "IF EXISTS ")] });
    } else {
      const guard = step.op.batch ? undefined : hasTableGuard(step.file, table.name, table.schema);
      const wrap = guard && wrapInBlock(step.file, step.op.range, guard);
      if (wrap) fixes.push({ title: `Run only if table ${describe(table)} exists`, edits: [wrap] });
    }
    report({
      range: step.op.tableRange ?? step.op.nameRange ?? step.op.range,
      message: `Table ${describe(table)} was dropped by revision '${dropped.revision}' (${display(dropped.file)}:${dropped.range.start.line + 1}); on a fresh database this fails.`,
      related: [relatedAt(dropped, `${describe(table)} is dropped here`)],
      fixes,
    });
  },
};
