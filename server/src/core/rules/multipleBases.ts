import type { RevisionGraph } from "../graph/revisionGraph";
import { reachable } from "../graph/reachable";
import type { Rule } from "./rule";
import { quoteList } from "./rule";
import { downRevisionAnchor, revisionAnchor } from "./anchors";
import { branchName, graphReadable, missingLinks, missingLinksNote, sameBranchPeers } from "./branchGroups";

export const multipleBases: Rule = {
  name: "multiple-bases",
  severity: "warning",
  description: "More than one base on the same branch whose chains never meet: a chain disconnected from the rest of the history.",
  check(context) {
    const { graph } = context.set;
    // One base to each branch, as in most histories: no chain to walk (on every edit of a long one).
    if (!graph.bases.some((base) => sameBranchPeers(graph, graph.bases, base).length > 0) || !graphReadable(graph)) return;
    const note = missingLinksNote(missingLinks(context.set));
    const heads = new Map(graph.bases.map((b) => [b, reachableHeads(graph, b)]));
    for (const base of graph.bases) {
      // Bases whose chains meet later (a merge) are one history, not a disconnected chain.
      const mine = heads.get(base) ?? new Set<string>();
      const peers = sameBranchPeers(graph, graph.bases, base).filter((p) => ![...(heads.get(p) ?? [])].some((h) => mine.has(h)));
      const file = graph.nodes.get(base)?.file;
      if (peers.length === 0 || !file) continue;
      context.report({
        file: file.path,
        range: downRevisionAnchor(file),
        message: `Multiple bases in ${branchName(graph, base)}: ${quoteList([base, ...peers].sort())} each start a separate chain. Give this revision a down_revision, or a branch label if the separate chain is intended.${note}`,
        related: peers.flatMap((peer) => {
          const f = graph.nodes.get(peer)?.file;
          return f ? [{ file: f.path, range: revisionAnchor(f), message: `'${peer}' is another base` }] : [];
        }),
      });
    }
  },
};

function reachableHeads(graph: RevisionGraph, start: string): Set<string> {
  const descendants = reachable(start, (id) => graph.nodes.get(id)?.children ?? []);
  return new Set([...descendants].filter((id) => graph.nodes.get(id)?.children.length === 0));
}
