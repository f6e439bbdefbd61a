import type { Rule } from "./rule";

export const invalidConfig: Rule = {
  name: "invalid-config",
  severity: "error",
  description: "alembic.ini or [tool.alembic] points at a script or version location that does not exist.",
  check(context) {
    for (const problem of context.set.spec.problems) {
      context.report({ file: problem.file, range: problem.range, message: problem.message });
    }
  },
};
