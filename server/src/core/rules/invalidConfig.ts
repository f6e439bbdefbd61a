import type { Rule } from "./rule";

export const invalidConfig: Rule = {
  name: "invalid-config",
  severity: "error",
  description: "alembic.ini or [tool.alembic] that Alembic cannot run with: a script or version location that does not exist, or no [alembic] section.",
  check(context) {
    for (const problem of context.set.spec.problems) {
      context.report({ file: problem.file, range: problem.range, message: problem.message });
    }
  },
};
