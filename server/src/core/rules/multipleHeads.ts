import type { RevisionGraph } from "../graph/revisionGraph";
import type { Rule } from "./rule";
import { quoteList } from "./rule";
import { revisionAnchor } from "./anchors";
import { branchName, graphReadable, missingLinks, missingLinksNote, sameBranchPeers } from "./branchGroups";
import { mergeRevisionFix } from "./mergeRevisionFix";
import { namesParentOnlyOnBase } from "./mergeContext";

export const multipleHeads: Rule = {
  name: "multiple-heads",
  // An error: `alembic upgrade head` (or `<label>@head`) fails outright until the heads are merged.
  severity: "error",
  description: "More than one head on the same branch: `alembic upgrade head` refuses to run until they are merged.",
  check(context) {
    const { graph } = context.set;
    if (!graphReadable(graph)) return;
    // A parent only the base has yet: the heads that count are the merge's (heads-after-merge).
    if (namesParentOnlyOnBase(context.set)) return;
    const missing = missingLinks(context.set);
    for (const head of graph.heads) {
      const peers = sameBranchPeers(graph, graph.heads, head);
      const file = graph.nodes.get(head)?.file;
      if (peers.length === 0 || !file) continue;
      const group = [head, ...peers].sort();
      context.report({
        file: file.path,
        range: revisionAnchor(file),
        message: `Multiple heads in ${branchName(graph, head)}: ${quoteList(group)}. \`alembic upgrade ${upgradeTarget(graph, head)}\` fails until they are merged.${missingLinksNote(missing)}`,
        related: peers.flatMap((peer) => {
          const f = graph.nodes.get(peer)?.file;
          return f ? [{ file: f.path, range: revisionAnchor(f), message: `'${peer}' is another head` }] : [];
        }),
        // Merging heads that only exist because a link is broken would cement the mistake.
        fixes: missing === 0 ? [mergeRevisionFix(context.set, group, context.options.now())] : [],
      });
    }
  },
};

/** `head` for the unlabelled history, `<label>@head` for a labelled branch. */
function upgradeTarget(graph: RevisionGraph, id: string): string {
  const label = [...(graph.nodes.get(id)?.labels ?? [])].sort()[0];
  return label ? `${label}@head` : "head";
}
