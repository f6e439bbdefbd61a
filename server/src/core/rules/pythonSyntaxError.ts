import type { Rule } from "./rule";

export const pythonSyntaxError: Rule = {
  name: "python-syntax-error",
  severity: "error",
  description: "The revision file is not valid Python, so Alembic cannot import it.",
  check(context) {
    for (const file of context.set.files) {
      for (const range of file.syntaxErrors) {
        context.report({
          file: file.path,
          range,
          message: "Python syntax error: Alembic cannot import this file. The revision header is read as far as it parses.",
        });
      }
    }
  },
};
