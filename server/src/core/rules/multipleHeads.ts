import type { Rule } from "./rule";
import { quoteList } from "./rule";
import { revisionAnchor } from "./anchors";
import { branchName, graphFullyKnown, sameBranchPeers } from "./branchGroups";
import { mergeRevisionFix } from "./mergeRevisionFix";

export const multipleHeads: Rule = {
  name: "multiple-heads",
  severity: "warning",
  description: "More than one head on the same branch: `alembic upgrade head` refuses to run until they are merged.",
  check(context) {
    const { graph } = context.set;
    if (!graphFullyKnown(graph)) return;
    for (const head of graph.heads) {
      const peers = sameBranchPeers(graph, graph.heads, head);
      const file = graph.nodes.get(head)?.file;
      if (peers.length === 0 || !file) continue;
      const group = [head, ...peers].sort();
      context.report({
        file: file.path,
        range: revisionAnchor(file),
        message: `Multiple heads in ${branchName(graph, head)}: ${quoteList(group)}. \`alembic upgrade head\` fails until they are merged.`,
        related: peers.flatMap((peer) => {
          const f = graph.nodes.get(peer)?.file;
          return f ? [{ file: f.path, range: revisionAnchor(f), message: `'${peer}' is another head` }] : [];
        }),
        fixes: [mergeRevisionFix(context.set, group, context.options.now())],
      });
    }
  },
};
