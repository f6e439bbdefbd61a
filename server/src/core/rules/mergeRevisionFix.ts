import type { AnalysisOptions, AnalyzedSet } from "../analysis/analyzedSet";
import type { Fix } from "../model/findings";
import { FILE_START } from "../model/positions";
import { revisionIdFor } from "../alembic/revisionTemplate";
import { readTemplateSource, renderNewRevision } from "../navigation/newRevision";

/**
 * A new revision whose down_revision is the given heads, written as the New Revision command
 * writes one: from the set's script.py.mako, named and placed as Alembic would. The id derives
 * from the heads, so the fix offered again writes the same file.
 */
export function mergeRevisionFix(set: AnalyzedSet, heads: readonly string[], options: AnalysisOptions): Fix {
  const source = options.host ? readTemplateSource(options.host, set.spec) : { template: undefined, options: new Map<string, string>() };
  const newId = (): string => revisionIdFor(`merge:${heads.join(",")}`, (candidate) => set.graph.resolve(candidate) !== undefined || set.graph.definitions.has(candidate));
  const rendered = renderNewRevision(set, { message: "merge heads", parents: heads }, options.now(), source, newId);
  return {
    title: `Create a merge revision of ${heads.join(", ")}`,
    edits: [{ file: rendered.file, range: FILE_START, newText: rendered.text, createFile: true }],
  };
}
