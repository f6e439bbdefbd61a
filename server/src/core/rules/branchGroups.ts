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

export function branchName(graph: RevisionGraph, id: string): string {
  const labels = [...(graph.nodes.get(id)?.labels ?? [])];
  return labels.length > 0 ? `branch ${labels.map((l) => `'${l}'`).join(", ")}` : "the unlabelled history";
}

/** Heads and bases are only trusted when every down_revision could be read. */
export function graphFullyKnown(graph: RevisionGraph): boolean {
  return [...graph.nodes.values()].every((n) => !n.partial) && graph.cycles.length === 0;
}
