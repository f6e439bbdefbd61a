import type { NotText } from "../host";
import type { Rule } from "./rule";

import { FILE_START } from "../model/positions";

export const notATextFile: Rule = {
  name: "not-a-text-file",
  severity: "error",
  description: "A migration file that is not text (a NUL byte, bytes that are not UTF-8): the migration tool fails on it.",
  check(context) {
    const { spec, settings } = context.set;
    for (const { file, notText } of context.set.notText ?? []) {
      if (!spec.sql && notText.kind === "nul") {
        context.report({
          file,
          range: FILE_START,
          message: `This file in the version folder is not text: ${what(notText)}. Python refuses to compile it ("source code string cannot contain null bytes"), so Alembic fails loading the version folder, whatever the command. It is left out of the analysis; remove it or move it out of the version folder.`,
        });
        continue;
      }
      if (!spec.sql) {
        // Outside a comment, in a file that declares no other encoding (see pythonRefusesByteAt).
        context.report({
          file,
          range: FILE_START,
          message: `This file in the version folder is not UTF-8: ${what(notText)}, outside a comment, and the file declares no other encoding. Python refuses to compile it (SyntaxError: "'utf-8' codec can't decode byte"), so Alembic fails loading the version folder, whatever the command. Save it as UTF-8.`,
        });
        continue;
      }
      // Only PostgreSQL's refusal is known here; other databases may take the bytes.
      const postgres = settings.dialect === "postgresql";
      if (notText.kind === "not-utf8" && !postgres) continue;
      const refusal =
        notText.kind === "nul"
          ? postgres
            ? 'PostgreSQL refuses a statement holding a NUL byte ("invalid message format")'
            : "the migration tool would send binary data to the database as SQL"
          : 'PostgreSQL refuses text that is not UTF-8 ("invalid byte sequence for encoding "UTF8"")';
      context.report({
        file,
        range: FILE_START,
        message: `This migration is not text: ${what(notText)}. Running it fails: ${refusal}.${notText.kind === "nul" ? " Its statements are not read." : ""}`,
      });
    }
  },
};

function what(notText: NotText): string {
  const hex = `0x${notText.byte.toString(16).toUpperCase().padStart(2, "0")}`;
  return notText.kind === "nul" ? `a NUL byte at offset ${notText.offset}` : `byte ${hex} at offset ${notText.offset} is not valid UTF-8`;
}
