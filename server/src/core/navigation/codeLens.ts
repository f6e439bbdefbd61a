import type { AnalysisResult } from "../analysis/analyzeSets";
import type { Location, Range } from "../model/positions";
import { FILE_START } from "../model/positions";
import { findFile } from "./revisionReferences";

export interface RevisionLens {
  readonly range: Range;
  readonly title: string;
  /** The revisions the lens is about, for a client that wants to make it clickable. */
  readonly targets: readonly Location[];
}

/** Above `revision =`: its parents, how many children, and whether it is a head, base, merge or branch point. */
export function revisionLenses(result: AnalysisResult, file: string): RevisionLens[] {
  const found = findFile(result, file);
  const id = found?.file.revision?.id;
  const node = id === undefined ? undefined : found?.set.graph.nodes.get(id);
  if (!found || !node || node.file !== found.file) return [];
  const graph = found.set.graph;
  const start = found.file.revision?.statement.start ?? FILE_START.start;
  const range = { start, end: start };
  const at = (ids: readonly string[]): Location[] =>
    ids.flatMap((i) => {
      const f = graph.nodes.get(i)?.file;
      return f ? [{ file: f.path, range: f.revision?.range ?? FILE_START }] : [];
    });
  const written = (found.file.downRevision?.refs ?? []).map((r) => r.id);
  const missing = written.filter((p) => graph.resolve(p) === undefined);
  const parentsTitle =
    written.length === 0
      ? "base (no parent)"
      : `${written.length > 1 ? "merges" : "parent"} ${written.join(", ")}${missing.length ? ` (missing: ${missing.join(", ")})` : ""}`;
  const childCount = node.children.length;
  const markers = [
    childCount === 0 && "head",
    node.children.length > 1 && "branch point",
    (node.labels.size > 0 && `branch ${[...node.labels].sort().join(", ")}`) || undefined,
  ].filter((m): m is string => typeof m === "string");
  const lenses: RevisionLens[] = [
    { range, title: parentsTitle, targets: at(node.parents) },
    { range, title: childCount === 0 ? "no children" : `${childCount} child${childCount > 1 ? "ren" : ""}`, targets: at(node.children) },
  ];
  if (markers.length > 0) lenses.push({ range, title: markers.join(" · "), targets: [] });
  return lenses;
}
