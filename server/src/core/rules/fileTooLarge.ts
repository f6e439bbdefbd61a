import type { Rule } from "./rule";
import { revisionAnchor } from "./anchors";
import { MAX_PARSED_CHARS } from "../alembic/revisionFile";

export const fileTooLarge: Rule = {
  name: "file-too-large",
  severity: "info",
  description: "A revision file too large to read whole; its header is read from the beginning only.",
  check(context) {
    for (const file of context.set.files) {
      if (file.truncatedFrom === undefined) continue;
      const megabytes = (file.truncatedFrom / 1_000_000).toFixed(1);
      context.report({
        file: file.path,
        range: revisionAnchor(file),
        message: `This file has ${megabytes} million characters; only the first ${MAX_PARSED_CHARS / 1_000_000} million were read (the revision header is taken from there).`,
      });
    }
  },
};
