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
    // One head to each branch, as in most histories: nothing else needs reading (on every edit of a long one).
    const competing = graph.heads.flatMap((head) => {
      const peers = sameBranchPeers(graph, graph.heads, head);
      const file = graph.nodes.get(head)?.file;
      return peers.length > 0 && file ? [{ head, peers, file }] : [];
    });
    if (competing.length === 0 || !graphReadable(graph)) return;
    // A parent only the base has yet: the heads that count are the merge's (heads-after-merge).
    if (namesParentOnlyOnBase(context.set)) return;
    const missing = missingLinks(context.set);
    for (const { head, peers, file } of competing) {
      const group = [head, ...peers].sort();
      // Merging heads that only exist because a link is broken would cement the mistake.
      const mergeable = missing === 0;
      // One merge joins the whole group: it is offered once, on the group's first head, so that
      // applying every fix does not write it twice.
      const fixHolder = group[0] as string;
      const holderFile = graph.nodes.get(fixHolder)?.file;
      const where = mergeable && head !== fixHolder && holderFile ? ` The fix that merges them is on '${fixHolder}' (${context.display(holderFile.path)}).` : "";
      context.report({
        file: file.path,
        range: revisionAnchor(file),
        message: `Multiple heads in ${branchName(graph, head)}: ${quoteList(group)}. \`alembic upgrade ${upgradeTarget(graph, head)}\` fails until they are merged.${missingLinksNote(missing)}${where}`,
        related: peers.flatMap((peer) => {
          const f = graph.nodes.get(peer)?.file;
          return f ? [{ file: f.path, range: revisionAnchor(f), message: `'${peer}' is another head` }] : [];
        }),
        fixes: mergeable && head === fixHolder ? [mergeRevisionFix(context.set, group, context.options)] : [],
      });
    }
  },
};

/** `head` for the unlabelled history, `<label>@head` for a labelled branch. */
function upgradeTarget(graph: RevisionGraph, id: string): string {
  const label = [...(graph.nodes.get(id)?.labels ?? [])].sort()[0];
  return label ? `${label}@head` : "head";
}
