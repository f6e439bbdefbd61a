import type { Operation, QualifiedName } from "./operations";

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
