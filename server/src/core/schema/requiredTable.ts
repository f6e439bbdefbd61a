import type { ForeignKeyTarget, Operation, QualifiedName } from "./operations";

/** The table an operation needs to exist already (none for create_table, enums, views). */
export function requiredTable(op: Operation): QualifiedName | undefined {
  switch (op.kind) {
    case "drop_table":
    case "rename_table":
    case "add_column":
    case "drop_column":
    case "alter_column":
    case "create_index":
    case "add_constraint":
    case "drop_constraint":
    case "validate_constraint":
      return op.table;
    case "data_change":
      return op.table;
    default:
      return undefined;
  }
}

/** Columns an operation needs to exist on its table. */
export function requiredColumns(op: Operation): readonly string[] {
  switch (op.kind) {
    case "drop_column":
    case "alter_column":
      return [op.column];
    case "create_index":
      return op.columns;
    case "add_constraint":
      return op.constraint.columns;
    default:
      return [];
  }
}

/** The tables an operation's foreign keys point at. */
export function foreignKeyTargets(op: Operation): ForeignKeyTarget[] {
  switch (op.kind) {
    case "create_table":
      return [
        ...op.columns.flatMap((c) => (c.references ? [c.references] : [])),
        ...op.constraints.flatMap((c) => (c.kind === "foreign_key" && c.references ? [c.references] : [])),
      ];
    case "add_column":
      return op.column.references ? [op.column.references] : [];
    case "add_constraint":
      return op.constraint.kind === "foreign_key" && op.constraint.references ? [op.constraint.references] : [];
    default:
      return [];
  }
}
