import type { Rule } from "./rule";
import { quoteList } from "./rule";
import { downRevisionAnchor, revisionAnchor } from "./anchors";
import { branchName, graphReadable, missingLinks, missingLinksNote, sameBranchPeers } from "./branchGroups";

export const multipleBases: Rule = {
  name: "multiple-bases",
  severity: "warning",
  description: "More than one base on the same branch: a chain disconnected from the rest of the history.",
  check(context) {
    const { graph } = context.set;
    if (!graphReadable(graph)) return;
    const note = missingLinksNote(missingLinks(context.set));
    for (const base of graph.bases) {
      const peers = sameBranchPeers(graph, graph.bases, base);
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
