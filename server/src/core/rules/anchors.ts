import type { RevisionFile } from "../alembic/revisionFile";
import type { Range } from "../model/positions";

/** Where to show a finding about a whole revision: its `revision = ...` value, else its first line. */
export function revisionAnchor(file: RevisionFile): Range {
  if (file.revision) return file.revision.range;
  const length = file.lines.lineText(0).length;
  return { start: { line: 0, character: 0 }, end: { line: 0, character: length } };
}

/** Where to show a finding about a revision's place in the graph: its `down_revision` statement. */
export function downRevisionAnchor(file: RevisionFile): Range {
  return file.downRevision?.statement ?? revisionAnchor(file);
}
