import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { RevisionGraph } from "../graph/revisionGraph";

/**
 * Revisions (heads or bases) that stand on the same branch: they share a branch label, or neither
 * has one. Distinct labelled branches are meant to live side by side and are not grouped.
 */
export function sameBranchPeers(graph: RevisionGraph, ids: readonly string[], id: string): string[] {
  const labels = graph.nodes.get(id)?.labels ?? new Set<string>();
  return ids.filter((other) => {
    if (other === id) return false;
    const otherLabels = graph.nodes.get(other)?.labels ?? new Set<string>();
    if (labels.size === 0 && otherLabels.size === 0) return true;
    return [...labels].some((l) => otherLabels.has(l));
  });
}

/** Heads that stand on the same branch, in groups of two or more (the groups multiple-heads reports). */
export function competingHeadGroups(graph: RevisionGraph): string[][] {
  const groups: string[][] = [];
  const grouped = new Set<string>();
  for (const head of graph.heads) {
    if (grouped.has(head)) continue;
    const group = [head, ...sameBranchPeers(graph, graph.heads, head).filter((other) => !grouped.has(other))];
    if (group.length < 2) continue;
    groups.push(group);
    group.forEach((id) => grouped.add(id));
  }
  return groups;
}

export function branchName(graph: RevisionGraph, id: string): string {
  const labels = [...(graph.nodes.get(id)?.labels ?? [])];
  return labels.length > 0 ? `branch ${labels.map((l) => `'${l}'`).join(", ")}` : "the unlabelled history";
}

/**
 * Heads and bases cannot be judged when a down_revision or a branch label could not be read
 * (labels decide which heads may stand side by side), or in a cycle.
 */
export function graphReadable(graph: RevisionGraph): boolean {
  let readable = readableGraphs.get(graph);
  if (readable === undefined) {
    readable = graph.cycles.length === 0;
    for (const n of graph.nodes.values()) {
      if (!readable) break;
      readable = !n.partial && (n.file.branchLabels?.unknown.length ?? 0) === 0;
    }
    readableGraphs.set(graph, readable);
  }
  return readable;
}

/** Per graph: several rules and the summary ask, each analysis, over thousands of nodes. */
const readableGraphs = new WeakMap<RevisionGraph, boolean>();

/**
 * Links the graph is missing: down_revision values that name nothing, revisions without a
 * down_revision. Each may be why there are extra heads or bases, so no merge is proposed then.
 */
export function missingLinks(set: AnalyzedSet): number {
  const { graph } = set;
  let missing = 0;
  for (const file of set.files) {
    if (file.revision && !file.downRevision) missing++;
    for (const ref of file.downRevision?.refs ?? []) if (graph.resolve(ref.id) === undefined) missing++;
  }
  return missing;
}

export function missingLinksNote(count: number): string {
  return count === 0 ? "" : ` ${count === 1 ? "One down_revision names" : `${count} down_revision values name`} no revision in this set: fix ${count === 1 ? "it" : "them"} first, as ${count === 1 ? "it" : "they"} may be why.`;
}
