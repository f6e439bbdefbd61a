import type { RevisionFile } from "../alembic/revisionFile";
import { withFiles } from "../graph/revisionGraph";
import type { AnalysisResult } from "./analyzeSets";
import type { AnalyzedSet } from "./analyzedSet";
import { carryReplay } from "../schema/schemaAt";

/**
 * The last finished analysis with some files read afresh (an editor's text, edited since): what
 * a request answers from while the next analysis waits, so positions in the edited file are the
 * editor's. The graph and findings stay the last analysis's; only each file's reading is newer.
 */
export function withReadings(result: AnalysisResult, readingOf: (path: string) => RevisionFile | undefined, paths: ReadonlySet<string>): AnalysisResult {
  if (paths.size === 0) return result;
  const fresh = (file: RevisionFile): RevisionFile => (paths.has(file.path) ? (readingOf(file.path) ?? file) : file);
  let changed = false;
  const sets = result.sets.map((set): AnalyzedSet => {
    if (!set.files.some((f) => paths.has(f.path) && fresh(f) !== f)) return set;
    changed = true;
    const swapped = new Map(set.files.flatMap((file) => (fresh(file) !== file ? [[file, fresh(file)] as const] : [])));
    const read = { ...set, files: set.files.map(fresh), graph: withFiles(set.graph, swapped) };
    carryReplay(set, read);
    return read;
  });
  return changed ? { ...result, sets } : result;
}
