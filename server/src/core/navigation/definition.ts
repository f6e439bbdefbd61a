import type { AnalysisResult } from "../analysis/analyzeSets";
import type { Location, Position } from "../model/positions";
import { FILE_START } from "../model/positions";
import { findFile, referenceAt, referencesIn } from "./revisionReferences";

/** Where the id under the cursor is defined: the `revision =` value of its file (every file, for a duplicate id). */
export function definitionAt(result: AnalysisResult, path: string, position: Position): Location[] {
  const found = findFile(result, path);
  const ref = found && referenceAt(found.file, position);
  if (!found || !ref) return [];
  const id = found.set.graph.resolve(ref.id);
  const files = id === undefined ? [] : (found.set.graph.definitions.get(id) ?? []);
  return files.map((file) => ({ file: file.path, range: file.revision?.range ?? FILE_START }));
}

/**
 * Every place in the set that names the id under the cursor: `revision`, `down_revision`,
 * `depends_on` (directly or through a branch label), and the docstrings' `Revision ID` and
 * `Revises`. An id nothing defines still finds its other mentions.
 */
export function referencesAt(result: AnalysisResult, path: string, position: Position, includeDeclaration: boolean): Location[] {
  const found = findFile(result, path);
  const ref = found && referenceAt(found.file, position);
  if (!found || !ref) return [];
  const graph = found.set.graph;
  const target = graph.resolve(ref.id) ?? ref.id;
  return found.set.files.flatMap((file) =>
    referencesIn(file)
      .filter((r) => (includeDeclaration || r.kind !== "revision") && (r.id === target || graph.resolve(r.id) === target))
      .map((r) => ({ file: r.file, range: r.range })),
  );
}
