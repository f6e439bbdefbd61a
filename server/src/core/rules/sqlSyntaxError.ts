import type { Rule } from "./rule";

export const sqlSyntaxError: Rule = {
  name: "sql-syntax-error",
  severity: "error",
  description: "A SQL statement that does not parse; the other statements of the migration still count.",
  check(context) {
    for (const file of context.set.files) {
      for (const block of [file.upgrade, file.downgrade]) {
        for (const problem of block?.problems ?? []) {
          context.report({ file: block?.file ?? file.path, range: problem.range, message: problem.message });
        }
      }
    }
  },
};
