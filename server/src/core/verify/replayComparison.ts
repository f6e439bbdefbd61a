import type { Operation } from "../schema/operations";
import { FILE_START, type Range } from "../model/positions";
import type { CatalogDifference } from "./catalog";
import type { NotVerifiable } from "./revisionScript";

/** A difference on a table that a statement not verified changes: expected, not the replay's fault. */
export function skippedTouches(skipped: readonly NotVerifiable[], difference: CatalogDifference): boolean {
  return difference.table !== undefined && skipped.some((item) => item.tables?.includes(difference.table as string));
}

export function mismatchMessage(difference: CatalogDifference, operations: readonly Operation[], skipped: number): string {
  const what = `${difference.kind} ${difference.name}`;
  let text: string;
  if (difference.key.startsWith("ddl ")) text = `The replayed schema's DDL is rejected by PostgreSQL (${difference.replay?.replace(/^rejected: /, "")}): ${difference.name}`;
  else if (difference.postgres === undefined) text = `The replay has ${what} (${difference.replay}); PostgreSQL does not after this migration.`;
  else if (difference.replay === undefined) text = `PostgreSQL has ${what} (${difference.postgres}) after this migration; the replay does not.`;
  else text = `After this migration PostgreSQL has ${what} as ${difference.postgres}; the replay has ${difference.replay}.`;
  const unknown = operations.filter((op) => op.kind === "unknown" && !op.extension);
  if (unknown.length > 0) text += ` This migration has ${unknown.length} statement(s) the analysis does not follow (line ${unknown.map((op) => op.range.start.line + 1).join(", ")}).`;
  if (skipped > 0) text += ` ${skipped} statement(s) before it were not verified.`;
  return text;
}

/** A statement the analysis does not follow (the likeliest cause), else the one that touches the object's table, else the migration's start. */
export function rangeFor(operations: readonly Operation[], difference: CatalogDifference): Range {
  const unknown = operations.find((op) => op.kind === "unknown" && !op.extension);
  if (unknown) return unknown.range;
  const touches = operations.find((op) => "table" in op && op.table !== undefined && `${op.table.schema ?? "public"}.${op.table.name}` === difference.table);
  return touches?.range ?? operations[0]?.range ?? FILE_START;
}
