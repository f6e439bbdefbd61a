import type { Rule } from "./rule";
import { revisionAnchor } from "./anchors";

export const revisionCycle: Rule = {
  name: "revision-cycle",
  severity: "error",
  description: "Revisions that, through down_revision or depends_on, end up depending on themselves.",
  check(context) {
    const { graph } = context.set;
    for (const cycle of graph.cycles) {
      const members = new Set(cycle);
      const path = [...cycle, cycle[0]].join(" → ");
      for (const id of cycle) {
        const file = graph.nodes.get(id)?.file;
        if (!file) continue;
        // Point at the reference that leads back into the cycle.
        const refs = [...(file.downRevision?.refs ?? []), ...(file.dependsOn?.refs ?? [])];
        const edge = refs.find((r) => members.has(graph.resolve(r.id) ?? ""));
        context.report({
          file: file.path,
          range: edge?.range ?? revisionAnchor(file),
          message: `Revision cycle: ${path}. Alembic cannot order these revisions.`,
          related: cycle
            .filter((other) => other !== id)
            .flatMap((other) => {
              const f = graph.nodes.get(other)?.file;
              return f ? [{ file: f.path, range: revisionAnchor(f), message: `'${other}' is part of the cycle` }] : [];
            }),
        });
      }
    }
  },
};
