import type { QualifiedName } from "../../schema/operations";
import type { ReplayStep } from "../../schema/replay";
import { tableKey } from "../../schema/schemaState";

/**
 * Nothing done to a table is unsafe in the migration that creates it (it is empty and unused),
 * nor to a table that does not exist (other rules report that).
 */
export function onExistingTable(step: ReplayStep, table: QualifiedName): boolean {
  // A table never created (assumed after table-not-found) gets no safety warnings on top.
  const state = step.before.table(table);
  return !step.newTables.has(tableKey(table)) && state !== undefined && !state.assumed;
}
