import type { Rule } from "./rule";
import { revisionAnchor } from "./anchors";

export const duplicateBranchLabel: Rule = {
  name: "duplicate-branch-label",
  severity: "error",
  description: "A branch label declared by two revisions, or equal to a revision id: Alembic refuses the history.",
  check(context) {
    const { graph } = context.set;
    for (const [label, owners] of graph.labelOwners) {
      // Alembic maps labels and ids in one namespace: even a revision's own id cannot be its label.
      const clashesWithId = graph.definitions.has(label);
      if (owners.length < 2 && !clashesWithId) continue;
      for (const owner of owners) {
        const file = graph.nodes.get(owner)?.file;
        const ref = file?.branchLabels?.refs.find((r) => r.id === label);
        if (!file || !ref) continue;
        const others = owners.filter((o) => o !== owner);
        const message =
          others.length > 0
            ? `Branch label '${label}' is also declared by revision ${others.map((o) => `'${o}'`).join(", ")}: Alembic raises "Branch name already used".`
            : `Branch label '${label}' is also a revision id${owner === label ? " (this revision's own)" : ""}: Alembic raises "Branch name already used".`;
        const relatedIds = others.length > 0 ? others : owner === label ? [] : [label];
        context.report({
          file: file.path,
          range: ref.range,
          message,
          related: relatedIds.flatMap((o) => {
            const f = graph.nodes.get(o)?.file;
            return f ? [{ file: f.path, range: revisionAnchor(f), message: `'${label}' is used here too` }] : [];
          }),
        });
      }
    }
  },
};
