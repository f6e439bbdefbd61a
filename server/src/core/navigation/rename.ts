import * as path from "node:path";
import type { AnalysisResult } from "../analysis/analyzeSets";
import type { FileEdit } from "../model/findings";
import type { Position, Range } from "../model/positions";
import { findFile, referenceAt, referencesIn, type FileInSet, type RevisionReference } from "./revisionReferences";

export type Refusal = { readonly error: string };

export interface RenamePlan {
  /** Text edits: the `revision` value, every down_revision / depends_on string and docstring line naming the id. */
  readonly edits: readonly FileEdit[];
  /** Files whose name carries the id (`<id>_slug.py`), renamed to carry the new one. */
  readonly fileRenames: readonly { readonly from: string; readonly to: string }[];
}

/**
 * The id under the cursor, if it can be renamed: an id some file of the set defines (not a branch
 * label). Undefined off revision ids, so the editor can ask another rename provider (Python's).
 */
export function prepareRenameAt(result: AnalysisResult, file: string, position: Position): { range: Range; placeholder: string } | Refusal | undefined {
  const target = renameTarget(result, file, position);
  return target === undefined || "error" in target ? target : { range: target.ref.range, placeholder: target.ref.id };
}

export function renameAt(result: AnalysisResult, file: string, position: Position, newId: string): RenamePlan | Refusal | undefined {
  const target = renameTarget(result, file, position);
  if (target === undefined || "error" in target) return target;
  const { found, ref } = target;
  const oldId = ref.id;
  if (newId === oldId) return { edits: [], fileRenames: [] };
  const problem = invalidId(newId) ?? (found.set.graph.resolve(newId) !== undefined ? `'${newId}' is already a revision id or branch label in this set.` : undefined);
  if (problem) return { error: problem };
  const edits = found.set.files.flatMap((f) => referencesIn(f).filter((r) => r.id === oldId).map((r) => ({ file: r.file, range: r.range, newText: newId })));
  const fileRenames = (found.set.graph.definitions.get(oldId) ?? []).flatMap((f) => {
    const name = path.basename(f.path);
    return name.split(oldId).length === 2 ? [{ from: f.path, to: path.join(path.dirname(f.path), name.replace(oldId, newId)) }] : [];
  });
  return { edits, fileRenames };
}

function renameTarget(result: AnalysisResult, file: string, position: Position): { found: FileInSet; ref: RevisionReference } | Refusal | undefined {
  const found = findFile(result, file);
  const ref = found && referenceAt(found.file, position);
  if (!found || !ref) return undefined;
  if (!found.set.graph.definitions.has(ref.id)) {
    return found.set.graph.resolve(ref.id) !== undefined
      ? { error: `'${ref.id}' is a branch label, not a revision id; rename the label in branch_labels.` }
      : { error: `No revision in this set has the id '${ref.id}': there is nothing to rename.` };
  }
  return { found, ref };
}

/** Alembic refuses `@ - +` in ids (they are its revision-range syntax); quotes and spaces would break the string. */
function invalidId(id: string): string | undefined {
  if (id === "") return "A revision id cannot be empty.";
  if (/[@+-]/.test(id)) return `'${id}' contains '@', '-' or '+', which Alembic does not allow in a revision id.`;
  if (/[\s'"\\]|[^\x20-\x7e]/.test(id)) return `'${id}' contains spaces, quotes, backslashes or non-ASCII characters; use letters, digits and underscores.`;
  if (id === "heads" || id === "head" || id === "base") return `'${id}' is a word Alembic reserves for revision ranges.`;
  return undefined;
}
