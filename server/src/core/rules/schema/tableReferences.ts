import type { Operation, QualifiedName } from "../../schema/operations";
import type { Provenance, SchemaState } from "../../schema/schemaState";
import { displayName, tableKey } from "../../schema/schemaState";
import type { RelatedLocation } from "../../model/findings";

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

/** A table exists before this operation: created earlier, declared external, or a view. */
export function tableExists(state: SchemaState, name: QualifiedName): boolean {
  return state.tables.has(tableKey(name)) || state.views.has(tableKey(name));
}

export function describe(name: QualifiedName): string {
  return `'${displayName(name)}'`;
}

export function relatedAt(at: Provenance, message: string): RelatedLocation {
  return { file: at.file, range: at.range, message };
}
