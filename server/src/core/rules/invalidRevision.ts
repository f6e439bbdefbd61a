import type { Rule } from "./rule";
import { eachFile } from "./eachFile";
import { revisionAnchor } from "./anchors";
import { revisionIdOf } from "../graph/revisionGraph";

/** Characters Alembic's Revision.verify_rev_id rejects. */
const ILLEGAL_CHARACTERS = ["@", "-", "+"];

export const invalidRevision: Rule = {
  name: "invalid-revision",
  severity: "error",
  description: "A revision file without a usable `revision` id or without `down_revision`, which Alembic cannot load.",
  check: eachFile((file, context) => {
    // SQL folders name their migrations after files and folders: Alembic's id rules do not apply.
    if (context.set.spec.kind !== "alembic") return;
    const revision = file.revision;
    if (!revision) {
      // Past a syntax error the header may be misread: python-syntax-error says what Alembic stops on.
      if (revisionIdOf(file) !== undefined || file.syntaxError) return;
      context.report({
        file: file.path,
        range: revisionAnchor(file),
        message: file.definesMigrationFunctions || file.downRevision
          ? "This migration assigns no module-level `revision`: Alembic cannot determine its revision id and refuses to load the history."
          : "This file assigns no module-level `revision`, but Alembic imports every .py file in a version folder and stops on it ('Could not determine revision id'). Move it out of the version folder.",
      });
      return;
    }
    if (revision.id === undefined) {
      context.report({
        file: file.path,
        range: revision.range,
        message: "`revision` is not a string literal: the revision id cannot be known without running the code, so this revision is left out of the graph.",
      });
    } else if (revision.id === "") {
      context.report({ file: file.path, range: revision.statement, message: "`revision` is an empty string: Alembic needs a revision id." });
    } else {
      const illegal = ILLEGAL_CHARACTERS.filter((c) => revision.id?.includes(c));
      if (illegal.length > 0) {
        context.report({
          file: file.path,
          range: revision.range,
          message: `Character(s) ${illegal.map((c) => `'${c}'`).join(", ")} not allowed in revision id '${revision.id}': Alembic rejects it.`,
        });
      }
    }
    if (!file.downRevision && !file.syntaxError) {
      context.report({
        file: file.path,
        range: revision.statement,
        message: "This revision assigns no `down_revision`: Alembic fails to load it. Write `down_revision = None` for a base revision.",
      });
    }
  }, (context) => [context.set.spec.kind]),
};
