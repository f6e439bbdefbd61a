import type { QualifiedName } from "../../schema/operations";
export { requiredTable } from "../../schema/requiredTable";
import type { Provenance, SchemaState } from "../../schema/schemaState";
import { displayName, tableKey } from "../../schema/schemaState";
import type { RelatedLocation } from "../../model/findings";

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
