import type { Rule } from "./rule";
import { eachFile } from "./eachFile";

export const staleRevisesDocstring: Rule = {
  name: "stale-revises-docstring",
  changeSafety: true,
  severity: "info",
  description: "The docstring's `Revises:` line disagrees with `down_revision` (the docstring never drives the graph).",
  check: eachFile((file, context) => {
    const revises = file.docstring?.revises;
    const down = file.downRevision;
    // While down_revision names a missing revision, the docstring may be the right one.
    if (!revises || !down || down.unknown.length > 0 || down.refs.some((r) => context.set.graph.resolve(r.id) === undefined)) return;
    const actual = down.refs.map((r) => r.id);
    const written = new Set(revises.ids);
    if (actual.length === written.size && actual.every((id) => written.has(id))) return;
    const expected = actual.join(", ");
    context.report({
      file: file.path,
      range: revises.range,
      message: `Docstring says 'Revises: ${revises.value}' but down_revision is ${actual.length ? `'${expected}'` : "None"}. Alembic ignores the docstring; readers do not.`,
      fixes: [{ title: `Rewrite the docstring line as 'Revises: ${expected}'`, edits: [{ file: file.path, range: revises.range, newText: expected }] }],
    });
  }, (context) => [context.set.graph.resolve]),
};
