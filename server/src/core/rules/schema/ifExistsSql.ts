import type { RevisionFile } from "../../alembic/revisionFile";
import type { FileEdit } from "../../model/findings";
import { sameRange } from "../../model/positions";
import type { ColumnSpec, Operation, QualifiedName } from "../../schema/operations";
import type { SqlDialect } from "../../schema/sqlContract";
import { insertAt, writtenAsSql } from "./sourceEdits";
import { sqlIdentifier, sqlTableName } from "../../sql/sqlIdentifier";

/** A type as SQL can take it back: a name, a size or precision, an array mark. */
const PLAIN_TYPE = /^[a-z][a-z0-9_ ]*(\(\d+(, ?\d+)?\))?( with(out)? time zone)?(\[\])?$/;

/**
 * The edit that makes the operation do nothing when its table is gone: IF EXISTS written into its
 * SQL, or an op.* call replaced by `op.execute()` of the same statement with IF EXISTS (Alembic 1.8's
 * op.drop_table and op.add_column have no such option, and offline mode has no connection to
 * inspect). DROP TABLE IF EXISTS is everywhere; ALTER TABLE IF EXISTS only in PostgreSQL. `siblings`
 * are the operations of the same block; `path` the file the operation is in (a .down.sql).
 */
export function ifExistsEdit(file: RevisionFile, op: Operation, dialect: SqlDialect, siblings: readonly Operation[], path = file.path): FileEdit | undefined {
  if (op.kind !== "drop_table" && dialect !== "postgresql") return undefined;
  if (writtenAsSql(file, op)) {
    if (!SQL_KINDS.has(op.kind) || !op.nameRange) return undefined;
    // `DROP TABLE a, b`: IF EXISTS goes before the first name.
    const first = op.kind === "drop_table" ? siblings.filter((o) => o.kind === "drop_table" && sameRange(o.range, op.range) && o.nameRange).map((o) => o.nameRange!)[0] : undefined;
    return { ...insertAt(file, (first ?? op.nameRange).start, "IF EXISTS "), file: path };
  }
  // MySQL quotes names with backticks: a name that needs quoting is left to the other fix.
  const quoted = dialect === "mysql" && "table" in op && op.table !== undefined && sqlTableName(op.table) !== [op.table.schema, op.table.name].filter(Boolean).join(".");
  const sql = op.batch || quoted ? undefined : ifExistsStatement(op);
  return sql ? { file: file.path, range: op.range, newText: `op.execute(${JSON.stringify(sql)})` } : undefined;
}

/** Statements whose table name IF EXISTS can precede. */
const SQL_KINDS = new Set(["drop_table", "rename_table", "add_column", "drop_column", "alter_column", "add_constraint", "drop_constraint", "validate_constraint", "drop_index"]);

/** The statement for an op.* call, with IF EXISTS on its table; undefined when it cannot be written exactly. */
export function ifExistsStatement(op: Operation): string | undefined {
  const alter = (table: QualifiedName): string => `ALTER TABLE IF EXISTS ${sqlTableName(table)}`;
  switch (op.kind) {
    case "drop_table":
      return `DROP TABLE IF EXISTS ${sqlTableName(op.table)}`;
    case "drop_column":
      return `${alter(op.table)} DROP COLUMN ${sqlIdentifier(op.column)}`;
    case "drop_index": {
      // PostgreSQL's index names belong to the schema, not the table.
      const schema = op.schema ?? op.table?.schema;
      return `DROP INDEX ${op.concurrently ? "CONCURRENTLY " : ""}IF EXISTS ${schema ? `${sqlIdentifier(schema)}.` : ""}${sqlIdentifier(op.name)}`;
    }
    case "rename_table":
      return `${alter(op.table)} RENAME TO ${sqlIdentifier(op.newName)}`;
    case "drop_constraint":
      return `${alter(op.table)} DROP CONSTRAINT ${sqlIdentifier(op.name)}`;
    case "add_column": {
      const definition = columnDefinition(op.column);
      return definition && `${alter(op.table)} ADD COLUMN ${definition}`;
    }
    case "alter_column": {
      const column = `ALTER COLUMN ${sqlIdentifier(op.column)}`;
      const actions: string[] = [];
      if (op.type !== undefined) {
        if (!PLAIN_TYPE.test(op.type)) return undefined;
        actions.push(`${column} TYPE ${op.type}${op.using ? ` USING ${op.using}` : ""}`);
      }
      if (op.nullable !== undefined) actions.push(`${column} ${op.nullable ? "DROP" : "SET"} NOT NULL`);
      if (op.default !== undefined) actions.push(op.default === null ? `${column} DROP DEFAULT` : `${column} SET DEFAULT ${op.default}`);
      // A rename is a statement of its own.
      if (op.newName !== undefined && op.newName !== op.column) return actions.length === 0 ? `${alter(op.table)} RENAME COLUMN ${sqlIdentifier(op.column)} TO ${sqlIdentifier(op.newName)}` : undefined;
      return actions.length > 0 ? `${alter(op.table)} ${actions.join(", ")}` : undefined;
    }
    default:
      return undefined;
  }
}

/** A plain column as SQL: its type, NOT NULL, DEFAULT. Keys, identity and unknown types are not written again. */
function columnDefinition(column: ColumnSpec): string | undefined {
  if (!column.type || !PLAIN_TYPE.test(column.type) || column.primaryKey || column.unique || column.references || column.generated) return undefined;
  return [sqlIdentifier(column.name), column.type, ...(column.nullable ? [] : ["NOT NULL"]), ...(column.default !== undefined ? [`DEFAULT ${column.default}`] : [])].join(" ");
}
