import type { RevisionFile } from "../../alembic/revisionFile";
import type { Operation } from "../../schema/operations";
import type { Fix } from "../../model/findings";
import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";
import { AUTOCOMMIT_BLOCK as AUTOCOMMIT, insertAt, withKeywordArgument, wrapInBlock, writtenAsSql } from "./sourceEdits";
import { enclosingExecuteCall } from "./enclosingCall";
import { columnsExist } from "./columnsExist";
import { INDEX_BUILD } from "./tableLock";

export const nonConcurrentIndex: OperationRule = {
  name: "non-concurrent-index",
  changeSafety: true,
  severity: "warning",
  description: "CREATE INDEX without CONCURRENTLY on an existing table (PostgreSQL) blocks writes until the index is built.",
  lock: () => INDEX_BUILD,
  checkOperation({ step, set, report }) {
    const op = step.op;
    if (set.settings.dialect !== "postgresql" || op.kind !== "create_index" || op.concurrently || !onExistingTable(step, op.table)) return;
    if (!columnsExist(step, op.table, op.columns)) return;
    report({
      message: `Builds index${op.name ? ` '${op.name}'` : ""} on ${describe(op.table)}, which already exists, without CONCURRENTLY: writes to the table are blocked until it is built.`,
      fixes: concurrentlyFixes(step.file, op),
    });
  },
};

/**
 * CONCURRENTLY cannot run inside a transaction: in Alembic the statement moves into
 * autocommit_block(); a SQL file gets it only when the index is its one statement (tools run a
 * migration file in one transaction). Batch operations run when their block exits: no fix.
 */
function concurrentlyFixes(file: RevisionFile, op: Extract<Operation, { kind: "create_index" }>): Fix[] {
  if (op.batch) return [];
  if (writtenAsSql(file, op)) {
    const start = file.lines.offset(op.range.start);
    const statement = file.text.slice(start, file.lines.offset(op.range.end)).toUpperCase();
    const index = statement.search(/\bINDEX\b/);
    if (index < 0) return [];
    const at = start + index + "INDEX".length;
    if (file.path.endsWith(".sql")) {
      if ((file.upgrade?.operations.length ?? 0) !== 1) return [];
      return [{ title: "Build it CONCURRENTLY (the file's only statement, so it runs outside a transaction)", edits: [insertAt(file, file.lines.position(at), " CONCURRENTLY")] }];
    }
    if (op.autocommit) return [{ title: "Build it CONCURRENTLY", edits: [insertAt(file, file.lines.position(at), " CONCURRENTLY")] }];
    const call = enclosingExecuteCall(file, op.range);
    if (!call) return [];
    const callStart = file.lines.offset(call.start);
    const edit = wrapInBlock(file, call, AUTOCOMMIT, (text) => `${text.slice(0, at - callStart)} CONCURRENTLY${text.slice(at - callStart)}`);
    return edit ? [{ title: "Build it CONCURRENTLY inside autocommit_block()", edits: [edit] }] : [];
  }
  if (op.autocommit) {
    const call = file.text.slice(file.lines.offset(op.range.start), file.lines.offset(op.range.end));
    return [{ title: "Build it with postgresql_concurrently=True", edits: [{ file: file.path, range: op.range, newText: withKeywordArgument(call, "postgresql_concurrently=True") }] }];
  }
  const edit = wrapInBlock(file, op.range, AUTOCOMMIT, (call) => withKeywordArgument(call, "postgresql_concurrently=True"));
  return edit ? [{ title: "Build it with postgresql_concurrently=True inside autocommit_block()", edits: [edit] }] : [];
}
