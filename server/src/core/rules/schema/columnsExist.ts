import type { QualifiedName } from "../../schema/operations";
import type { ReplayStep } from "../../schema/replay";

/**
 * The columns an operation names exist (or cannot be known). When one is missing,
 * column-not-found reports it, and the safety rules say nothing more about the operation.
 */
export function columnsExist(step: ReplayStep, table: QualifiedName, columns: readonly string[]): boolean {
  const state = step.before.table(table);
  if (!state || !state.columnsKnown || step.before.unreadOperations) return true;
  return columns.every((c) => hasColumn(state.columns, c, caseInsensitive(step)));
}

/** MySQL compares column names without regard to case. */
export function caseInsensitive(step: ReplayStep): boolean {
  return step.dialect === "mysql";
}

export function hasColumn(columns: ReadonlyMap<string, unknown>, name: string, ignoreCase: boolean): boolean {
  if (columns.has(name)) return true;
  if (!ignoreCase) return false;
  const lower = name.toLowerCase();
  for (const key of columns.keys()) if (key.toLowerCase() === lower) return true;
  return false;
}
