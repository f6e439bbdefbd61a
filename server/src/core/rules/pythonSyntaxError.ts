import type { Rule } from "./rule";

export const pythonSyntaxError: Rule = {
  name: "python-syntax-error",
  severity: "error",
  description: "The revision file is not valid Python, so Alembic cannot import it.",
  check(context) {
    for (const file of context.set.files) {
      const error = file.syntaxError;
      if (!error) continue;
      context.report({
        file: file.path,
        range: error.range,
        message: `Python rejects this file: "${error.reason}". Alembic cannot import it, so the history does not load. The header is read as far as it parses; rules that need the rest of the file are silent on it.`,
      });
    }
  },
};
