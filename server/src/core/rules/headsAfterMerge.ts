import type { RevisionGraph } from "../graph/revisionGraph";
import type { Fix } from "../model/findings";
import type { RevisionFile } from "../alembic/revisionFile";
import { downRevisionAnchor, revisionAnchor } from "./anchors";
import { branchName, graphReadable, sameBranchPeers } from "./branchGroups";
import { mergeContext, namesParentOnlyOnBase, onBase } from "./mergeContext";
import { quoteList, type Rule } from "./rule";

export const headsAfterMerge: Rule = {
  name: "heads-after-merge",
  severity: "error",
  description:
    "The base gained revisions after this branch forked, and a revision this branch adds still revises the old head: after the merge the history has two heads and `alembic upgrade head` fails.",
  check(context) {
    const merge = mergeContext(context.set);
    const merged = context.set.branch?.merged?.alembic;
    if (!merge || !merged || !graphReadable(merged.graph) || !graphReadable(context.set.graph)) return;
    const { graph } = merged;
    const reported = new Set<string>();
    // multiple-heads leaves a set whose revisions name a base-only parent to this rule.
    const judgedHere = namesParentOnlyOnBase(context.set);
    for (const head of graph.heads) {
      const file = graph.nodes.get(head)?.file;
      if (!file || !merge.newFiles.has(file.path)) continue;
      // Two heads before the merge are multiple-heads' to report.
      if (!judgedHere && context.set.graph.nodes.has(head) && sameBranchPeers(context.set.graph, context.set.graph.heads, head).length > 0) continue;
      const peers = sameBranchPeers(graph, graph.heads, head);
      const baseHeads = peers.filter((peer) => !merge.newFiles.has(graph.nodes.get(peer)?.file.path ?? ""));
      if (baseHeads.length === 0) {
        if (peers.length > 0) {
          context.report({
            file: file.path,
            range: revisionAnchor(file),
            message: `After merging into ${merge.state.base}, ${branchName(graph, head)} has ${peers.length + 1} heads, all added by this branch: ${quoteList([head, ...peers].sort())}. \`alembic upgrade head\` will fail after the merge ("Multiple head revisions are present"): re-parent one onto the other, or add a merge revision.`,
          });
        }
        continue;
      }
      for (const root of branchRoots(graph, head, merge.newFiles)) {
        if (reported.has(root.path)) continue;
        reported.add(root.path);
        const oldParents = (root.downRevision?.refs ?? []).map((r) => r.id);
        const heads = baseHeads.map((id) => `'${id}' (${describe(graph, id, merge)})`).join(", ");
        context.report({
          file: root.path,
          range: root.downRevision?.range ?? downRevisionAnchor(root),
          message:
            `After merging into ${merge.state.base}, ${branchName(graph, head)} has ${baseHeads.length + 1} heads: ${merge.state.base} added ${heads} after this branch forked, ` +
            `and this revision still revises ${oldParents.length ? quoteList(oldParents) : "nothing"}. \`alembic upgrade head\` will fail after the merge ("Multiple head revisions are present"). ` +
            `Re-parent this revision onto ${quoteList(baseHeads)}, or add a merge revision after merging.`,
          fixes: baseHeads.length === 1 ? [reparentFix(root, baseHeads[0]!)] : [],
        });
      }
    }
  },
};

/** The revisions where the branch's line leaves the base's history: new, with no new parent. */
function branchRoots(graph: RevisionGraph, head: string, newFiles: ReadonlySet<string>): RevisionFile[] {
  const roots: RevisionFile[] = [];
  const seen = new Set<string>();
  const visit = (id: string): void => {
    const node = graph.nodes.get(id);
    if (!node || seen.has(id) || !newFiles.has(node.file.path)) return;
    seen.add(id);
    const newParents = node.parents.filter((p) => newFiles.has(graph.nodes.get(p)?.file.path ?? ""));
    if (newParents.length < node.parents.length || node.parents.length === 0) roots.push(node.file);
    newParents.forEach(visit);
  };
  visit(head);
  return roots;
}

function describe(graph: RevisionGraph, id: string, merge: NonNullable<ReturnType<typeof mergeContext>>): string {
  const file = graph.nodes.get(id)?.file.path;
  return file ? onBase(merge.state, file) : merge.state.base;
}

/** down_revision (and the docstring's `Revises:`) rewritten to the base's head. */
function reparentFix(file: RevisionFile, newParent: string): Fix {
  const down = file.downRevision!;
  const edits =
    down.refs.length === 1 && down.unknown.length === 0
      ? [{ file: file.path, range: down.refs[0]!.range, newText: newParent }]
      : [{ file: file.path, range: down.range, newText: `"${newParent}"` }];
  const revises = file.docstring?.revises;
  if (revises) edits.push({ file: file.path, range: revises.range, newText: newParent });
  return { title: `Re-parent onto '${newParent}' (down_revision${revises ? " and Revises:" : ""})`, edits };
}
