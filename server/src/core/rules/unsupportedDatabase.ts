import type { Rule } from "./rule";
import { revisionAnchor } from "./anchors";

export const unsupportedDatabase: Rule = {
  name: "unsupported-database",
  severity: "info",
  description: "A folder of migrations written for a database the analysis cannot read: listed, not judged (said once per set).",
  check({ set, report }) {
    const database = set.spec.sql?.unsupported;
    if (!database) return;
    // At the statement that showed it, or at the first migration the tool applies.
    const marked = set.files.find((f) => f.otherDatabase);
    const first = set.files.find((f) => f.path === set.spec.sql?.migrations[0]?.file) ?? set.files[0];
    const file = marked ?? first;
    if (!file) return;
    const because = set.spec.sql?.unsupportedBecause ? ` (${set.spec.sql.unsupportedBecause})` : "";
    report({
      file: file.path,
      range: marked?.otherDatabase?.range ?? revisionAnchor(file),
      message: `These migrations are written for ${database}${because}. The analysis reads PostgreSQL, MySQL and SQLite only, so this set is listed but its statements are not judged.`,
    });
  },
};
