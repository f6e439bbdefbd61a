import type { RevisionSummary } from "../../../server/src/protocol";
import { count } from "../count";

/** The two texts of a revision's row in the Migrations view. Pure: no `vscode`, so tests build it. */
export interface RevisionRow {
  readonly label: string;
  readonly description: string;
}

/**
 * An Alembic revision: its id, then its message. A SQL migration: its name, then its version;
 * Prisma's id is the whole folder name (`20240101120000_add_users`), which alone fills the
 * sidebar's default width and pushes the name out of sight. Either way the marks follow:
 * `add_users` `20240101120000 · head · 1 error`.
 */
export function revisionRow(r: RevisionSummary): RevisionRow {
  const named = r.migrationName;
  if (named) return { label: named.name, description: withMarks(named.version ?? r.id, r) };
  return { label: r.id, description: withMarks(r.message || "(no message)", r) };
}

function withMarks(first: string, r: RevisionSummary): string {
  const parts = [first];
  const marks = markers(r);
  if (marks.length) parts.push(marks.join(", "));
  for (const label of r.declaredLabels) parts.push(`⎇ ${label}`);
  if (r.errors) parts.push(count(r.errors, "error"));
  if (r.warnings) parts.push(count(r.warnings, "warning"));
  return parts.join(" · ");
}

/** What is special about the revision in the graph, in words. */
export function markers(r: RevisionSummary): string[] {
  const marks: string[] = [];
  if (r.isNew) marks.push("new on this branch");
  if (r.isHead) marks.push("head");
  if (r.isBase) marks.push("base");
  if (r.isMergePoint) marks.push("merge point");
  if (r.isBranchPoint) marks.push("branch point");
  if (r.missingParents.length) marks.push("broken parent");
  return marks;
}
