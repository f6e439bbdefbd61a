import type { Rule } from "./rule";
import { revisionAnchor } from "./anchors";

export const duplicateRevision: Rule = {
  name: "duplicate-revision",
  severity: "error",
  description: "Two files define the same revision id; Alembic keeps only one of them.",
  check(context) {
    for (const id of context.set.graph.duplicated) {
      const files = context.set.graph.definitions.get(id) ?? [];
      for (const file of files) {
        const others = files.filter((f) => f !== file);
        context.report({
          file: file.path,
          range: revisionAnchor(file),
          message: `Revision id '${id}' is also defined in ${others.map((f) => context.display(f.path)).join(", ")}: ${context.set.spec.sql ? "the tool applies one of them, or refuses both" : "Alembic warns and keeps only one of them"}.`,
          related: others.map((f) => ({ file: f.path, range: revisionAnchor(f), message: `'${id}' is defined here too` })),
        });
      }
    }
  },
};
