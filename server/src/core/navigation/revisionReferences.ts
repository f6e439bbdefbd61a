import type { AnalysisResult } from "../analysis/analyzeSets";
import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { IdRef, RevisionFile } from "../alembic/revisionFile";
import { comparePositions, type Position, type Range } from "../model/positions";

/** Where a revision id is written: the header values that drive the graph, and the docstring that describes it. */
export type ReferenceKind = "revision" | "down_revision" | "depends_on" | "docstring-revision-id" | "docstring-revises";

export interface RevisionReference extends IdRef {
  readonly kind: ReferenceKind;
  readonly file: string;
}

/** The set a file belongs to, with its parsed form. */
export interface FileInSet {
  readonly set: AnalyzedSet;
  readonly file: RevisionFile;
}

export function findFile(result: AnalysisResult, path: string): FileInSet | undefined {
  for (const set of result.sets) {
    const file = set.files.find((f) => f.path === path);
    if (file) return { set, file };
  }
  return undefined;
}

export function findSet(result: AnalysisResult, root: string): AnalyzedSet | undefined {
  return result.sets.find((s) => s.spec.root === root);
}

/** Every revision id a file writes, in file order. */
export function referencesIn(file: RevisionFile): RevisionReference[] {
  const refs: RevisionReference[] = [];
  const add = (kind: ReferenceKind, ids: readonly IdRef[] | undefined): void => {
    for (const ref of ids ?? []) refs.push({ kind, file: file.path, id: ref.id, range: ref.range });
  };
  const doc = file.docstring;
  if (doc?.revisionId && doc.revisionId.value !== "") add("docstring-revision-id", [{ id: doc.revisionId.value, range: doc.revisionId.range }]);
  if (doc?.revises) add("docstring-revises", splitOnLine(doc.revises.value, doc.revises.range));
  if (file.revision?.id) add("revision", [{ id: file.revision.id, range: file.revision.range }]);
  add("down_revision", file.downRevision?.refs);
  add("depends_on", file.dependsOn?.refs);
  return refs.sort((a, b) => comparePositions(a.range.start, b.range.start));
}

/** The reference whose text contains the position (its end included, where the cursor sits after typing). */
export function referenceAt(file: RevisionFile, position: Position): RevisionReference | undefined {
  return referencesIn(file).find((r) => comparePositions(r.range.start, position) <= 0 && comparePositions(position, r.range.end) <= 0);
}

/** The ids of a docstring line such as `Revises: a1, b2` or `Revises: ('a1', 'b2')`, each with its own range. */
function splitOnLine(value: string, range: Range): IdRef[] {
  const ids: IdRef[] = [];
  for (const match of value.matchAll(/[^\s,()'"]+/g)) {
    if (match[0] === "None") continue;
    const start = range.start.character + (match.index ?? 0);
    ids.push({ id: match[0], range: { start: { line: range.start.line, character: start }, end: { line: range.start.line, character: start + match[0].length } } });
  }
  return ids;
}
