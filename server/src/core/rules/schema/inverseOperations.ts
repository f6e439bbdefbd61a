import type { Operation, QualifiedName } from "../../schema/operations";
import type { SchemaState } from "../../schema/schemaState";
import { displayName } from "../../schema/schemaState";
import { sqlIdentifier, sqlTableName } from "../../sql/sqlIdentifier";

/** An operation that undoes another, as a signature to look for in a downgrade. */
export function inverseSignature(op: Operation): string | undefined {
  switch (op.kind) {
    case "create_table":
      return `drop_table ${key(op.table)}`;
    case "add_column":
      return `drop_column ${key(op.table)}.${op.column.name}`;
    case "create_index":
      return op.name ? `drop_index ${op.name}` : undefined;
    case "add_constraint":
      return op.constraint.name ? `drop_constraint ${key(op.table)}.${op.constraint.name}` : undefined;
    case "rename_table":
      return `rename_table ${key({ ...op.table, name: op.newName })}>${op.table.name}`;
    case "alter_column":
      return op.newName !== undefined && op.newName !== op.column ? `alter_column ${key(op.table)}.${op.newName}>${op.column}` : undefined;
    case "create_enum":
      return `drop_type ${key(op.type)}`;
    default:
      return undefined;
  }
}

/** The signature an operation in a downgrade has, to match against inverseSignature. */
export function signature(op: Operation): string | undefined {
  switch (op.kind) {
    case "drop_table":
      return `drop_table ${key(op.table)}`;
    case "drop_column":
      return `drop_column ${key(op.table)}.${op.column}`;
    case "drop_index":
      return `drop_index ${op.name}`;
    case "drop_constraint":
      return `drop_constraint ${key(op.table)}.${op.name}`;
    case "rename_table":
      return `rename_table ${key(op.table)}>${op.newName}`;
    case "alter_column":
      return op.newName !== undefined ? `alter_column ${key(op.table)}.${op.column}>${op.newName}` : undefined;
    case "drop_type":
      return `drop_type ${key(op.type)}`;
    default:
      return undefined;
  }
}

function key(name: QualifiedName): string {
  return displayName(name);
}

/** Python for the Alembic call that undoes `op`, or undefined when it cannot be known from the upgrade alone. */
export function inverseAlembicCall(op: Operation, before: SchemaState | undefined): string | undefined {
  const schema = (name: QualifiedName): string => (name.schema ? `, schema=${JSON.stringify(name.schema)}` : "");
  const q = JSON.stringify;
  switch (op.kind) {
    case "create_table":
      return `op.drop_table(${q(op.table.name)}${schema(op.table)})`;
    case "add_column":
      return `op.drop_column(${q(op.table.name)}, ${q(op.column.name)}${schema(op.table)})`;
    case "create_index":
      return op.name ? `op.drop_index(${q(op.name)}, table_name=${q(op.table.name)}${schema(op.table)})` : undefined;
    case "rename_table":
      return `op.rename_table(${q(op.newName)}, ${q(op.table.name)}${schema(op.table)})`;
    case "add_constraint": {
      const types = { foreign_key: "foreignkey", unique: "unique", check: "check", primary_key: "primary", exclude: undefined } as const;
      const type = types[op.constraint.kind];
      return op.constraint.name && type ? `op.drop_constraint(${q(op.constraint.name)}, ${q(op.table.name)}, type_=${q(type)}${schema(op.table)})` : undefined;
    }
    case "alter_column": {
      const column = before?.table(op.table)?.columns.get(op.column);
      const args: string[] = [];
      if (op.newName !== undefined && op.newName !== op.column) args.push(`new_column_name=${q(op.column)}`);
      const previousNullable = column?.nullable ?? op.existingNullable;
      if (op.nullable !== undefined) {
        // Making it NOT NULL again fails once rows hold NULL, which loosening it let in: that takes a backfill first.
        if (previousNullable === undefined || (op.nullable && !previousNullable)) return undefined;
        args.push(`nullable=${previousNullable ? "True" : "False"}`);
      }
      if (op.type !== undefined || op.default !== undefined) return undefined;
      return args.length ? `op.alter_column(${q(op.table.name)}, ${q(op.newName ?? op.column)}, ${args.join(", ")}${schema(op.table)})` : undefined;
    }
    case "create_enum":
      return `op.execute(${q(`DROP TYPE ${sqlIdentifier(op.type.name)}`)})`;
    default:
      return undefined;
  }
}

/** SQL for the statement that undoes `op` (golang-migrate .down.sql). */
export function inverseSql(op: Operation): string | undefined {
  const t = sqlTableName;
  switch (op.kind) {
    case "create_table":
      return `DROP TABLE ${t(op.table)};`;
    case "add_column":
      return `ALTER TABLE ${t(op.table)} DROP COLUMN ${sqlIdentifier(op.column.name)};`;
    case "create_index":
      return op.name ? `DROP INDEX ${op.table.schema ? `${sqlIdentifier(op.table.schema)}.` : ""}${sqlIdentifier(op.name)};` : undefined;
    case "rename_table":
      return `ALTER TABLE ${t({ ...op.table, name: op.newName })} RENAME TO ${sqlIdentifier(op.table.name)};`;
    case "add_constraint":
      return op.constraint.name ? `ALTER TABLE ${t(op.table)} DROP CONSTRAINT ${sqlIdentifier(op.constraint.name)};` : undefined;
    case "create_enum":
      return `DROP TYPE ${t(op.type)};`;
    default:
      return undefined;
  }
}
