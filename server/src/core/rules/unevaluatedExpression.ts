import type { Rule } from "./rule";
import { eachFile } from "./eachFile";

const CONSEQUENCES: Record<string, string> = {
  down_revision: "its parents are not fully known, so heads and bases are not judged for this set",
  depends_on: "the dependencies that can be read are still used",
  branch_labels: "the labels that can be read are still applied, but heads and bases are not judged for this set",
};

export const unevaluatedExpression: Rule = {
  name: "unevaluated-expression",
  severity: "info",
  description: "A revision header value the analysis cannot read without running the code.",
  check: eachFile((file, context) => {
    const fields = [
      ["down_revision", file.downRevision],
      ["depends_on", file.dependsOn],
      ["branch_labels", file.branchLabels],
    ] as const;
    for (const [field, value] of fields) {
      for (const range of value?.unknown ?? []) {
        context.report({
          file: file.path,
          range,
          message: `${field}: this expression cannot be evaluated without running the code; ${CONSEQUENCES[field]}.`,
        });
      }
    }
  }),
};
