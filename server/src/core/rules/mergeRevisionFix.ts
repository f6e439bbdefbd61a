import * as path from "node:path";
import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Fix } from "../model/findings";
import { FILE_START } from "../model/positions";
import { renderRevisionFile, revisionFileName, revisionIdFor } from "../alembic/revisionTemplate";

/** A new revision whose down_revision is the given heads, written beside the first head as `alembic merge` does. */
export function mergeRevisionFix(set: AnalyzedSet, heads: readonly string[], now: Date): Fix {
  const id = revisionIdFor(`merge:${heads.join(",")}`, (candidate) => set.graph.definitions.has(candidate));
  const message = "merge heads";
  const firstHead = set.graph.nodes.get(heads[0] ?? "")?.file.path;
  const folder = firstHead ? path.dirname(firstHead) : (set.spec.versionLocations[0] ?? set.spec.root);
  const file = path.join(folder, revisionFileName(id, message));
  return {
    title: `Create a merge revision of ${heads.join(", ")}`,
    edits: [{ file, range: FILE_START, newText: renderRevisionFile({ id, message, downRevisions: heads, createDate: now }), createFile: true }],
  };
}
