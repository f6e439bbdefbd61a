import { revisionAnchor } from "./anchors";
import { graphReadable } from "./branchGroups";
import { mergeContext, onBase, repoPath } from "./mergeContext";
import type { Rule } from "./rule";

export const conflictAfterMerge: Rule = {
  name: "conflict-after-merge",
  severity: "error",
  description:
    "After merging into the base, a revision this branch adds clashes with what the base did since the fork: the base added another revision with the same id, or deleted a revision it names.",
  check(context) {
    const merge = mergeContext(context.set);
    const merged = context.set.branch?.merged?.alembic;
    if (!merge || !merged || !graphReadable(context.set.graph)) return;
    for (const file of context.set.files) {
      if (!merge.newFiles.has(file.path) || !file.revision?.id) continue;
      const id = file.revision.id;
      const twin = (merged.graph.definitions.get(id) ?? []).find((other) => other.path !== file.path && merge.fromBase.has(other.path));
      if (twin) {
        context.report({
          file: file.path,
          range: revisionAnchor(file),
          message: `${merge.state.base} added another revision with id '${id}' (${onBase(merge.state, twin.path)}) after this branch forked: after the merge Alembic sees the id twice and keeps one. Give this revision a new id.`,
        });
      }
      for (const ref of file.downRevision?.refs ?? []) {
        if (context.set.graph.resolve(ref.id) === undefined || merged.graph.resolve(ref.id) !== undefined) continue;
        const gone = context.set.graph.nodes.get(context.set.graph.resolve(ref.id)!)?.file.path;
        context.report({
          file: file.path,
          range: ref.range,
          message: `${merge.state.base} deleted revision '${ref.id}'${gone ? ` (${repoPath(merge.state, gone)})` : ""} after this branch forked: after the merge this down_revision names nothing and Alembic stops with KeyError. Re-parent onto the base's head.`,
        });
      }
    }
  },
};
