import type { Fix } from "../../model/findings";
import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";
import { insertAt, withKeywordArgument, wrapInBlock, writtenAsSql } from "./sourceEdits";

export const nonConcurrentIndex: OperationRule = {
  name: "non-concurrent-index",
  severity: "warning",
  description: "CREATE INDEX without CONCURRENTLY on an existing table (PostgreSQL) blocks writes until the index is built.",
  checkOperation({ step, set, report }) {
    const op = step.op;
    if (set.settings.dialect !== "postgresql" || op.kind !== "create_index" || op.concurrently || !onExistingTable(step, op.table)) return;
    const fixes: Fix[] = [];
    if (writtenAsSql(step.file, op)) {
      const start = step.file.lines.offset(op.range.start);
      const statement = step.file.text.slice(start, step.file.lines.offset(op.range.end)).toUpperCase();
      const index = statement.search(/\bINDEX\b/);
      if (index >= 0) fixes.push({ title: "Build it CONCURRENTLY (outside a transaction)", edits: [insertAt(step.file, step.file.lines.position(start + index + "INDEX".length), " CONCURRENTLY")] });
    } else {
      const edit = wrapInBlock(step.file, op.range, "with op.get_context().autocommit_block():", (call) => withKeywordArgument(call, "postgresql_concurrently=True"));
      if (edit) fixes.push({ title: "Build it with postgresql_concurrently=True inside autocommit_block()", edits: [edit] });
    }
    report({
      message: `Builds index${op.name ? ` '${op.name}'` : ""} on ${describe(op.table)}, which already exists, without CONCURRENTLY: writes to the table are blocked until it is built.`,
      fixes,
    });
  },
};
