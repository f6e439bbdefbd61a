import type { AnalyzedSet } from "../../analysis/analyzedSet";
import type { RevisionFile } from "../../alembic/revisionFile";
import type { Range } from "../../model/positions";
import { tableKey } from "../../schema/schemaState";
import type { QualifiedName } from "../../schema/operations";

/**
 * A revision of the set that creates the table although it is not before this one (on a
 * parallel branch): the table is missing only when that branch has not run yet, so it is not
 * external either.
 */
export function createdElsewhere(set: AnalyzedSet, table: QualifiedName): { readonly file: RevisionFile; readonly range: Range } | undefined {
  const key = tableKey(table);
  for (const file of set.files) {
    const create = file.upgrade?.operations.find((op) => op.kind === "create_table" && tableKey(op.table) === key);
    if (create) return { file, range: create.nameRange ?? create.range };
  }
  return undefined;
}
