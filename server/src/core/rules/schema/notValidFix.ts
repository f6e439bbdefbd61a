import type { RevisionFile } from "../../alembic/revisionFile";
import type { Fix } from "../../model/findings";
import type { Operation } from "../../schema/operations";
import { sqlIdentifier, sqlTableName } from "../../sql/sqlIdentifier";
import { insertAt, writtenAsSql } from "./sourceEdits";

/**
 * Adds the constraint NOT VALID (a brief lock, existing rows unchecked) and validates it in a
 * separate statement (which scans without blocking writes).
 */
export function notValidFix(file: RevisionFile, op: Extract<Operation, { kind: "add_constraint" }>): Fix | undefined {
  const name = op.constraint.name;
  if (!name || op.batch) return undefined;
  const validate = `ALTER TABLE ${sqlTableName(op.table)} VALIDATE CONSTRAINT ${sqlIdentifier(name)}`;
  const statementEnd = file.lines.offset(op.range.end);
  if (writtenAsSql(file, op)) {
    // A migration file runs in one transaction: validating in it would keep the lock. Validate in a later migration.
    // NOT VALID ends its own ADD CONSTRAINT action; a column's constraint (ADD COLUMN ... REFERENCES) cannot take it.
    if (!file.path.endsWith(".sql") || !op.definition) return undefined;
    return { title: `Add it NOT VALID (then run '${validate}' in a later migration)`, edits: [insertAt(file, op.definition.range.end, " NOT VALID")] };
  }
  // op.create_foreign_key(...) / op.create_check_constraint(...): NOT VALID, then VALIDATE outside the transaction.
  const call = file.text.slice(file.lines.offset(op.range.start), statementEnd);
  if (!call.endsWith(")")) return undefined;
  const indent = /^[ \t]*/.exec(file.lines.lineText(op.range.start.line))?.[0] ?? "";
  const before = call.slice(0, -1).trimEnd();
  const separator = before.endsWith("(") ? "" : before.endsWith(",") ? " " : ", ";
  return {
    title: "Add it NOT VALID, then VALIDATE CONSTRAINT in autocommit_block()",
    edits: [
      insertAt(file, file.lines.position(file.lines.offset(op.range.start) + before.length), `${separator}postgresql_not_valid=True`),
      insertAt(file, op.range.end, `\n${indent}with op.get_context().autocommit_block():\n${indent}    op.execute(${JSON.stringify(validate)})`),
    ],
  };
}
