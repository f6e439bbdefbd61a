import { parser } from "@lezer/python";
import type { RevisionFile } from "../../alembic/revisionFile";
import type { Range } from "../../model/positions";

/** The `....execute(...)` call whose string holds this SQL range (SQL written inside Python). */
export function enclosingExecuteCall(file: RevisionFile, inner: Range): Range | undefined {
  const from = file.lines.offset(inner.start);
  const to = file.lines.offset(inner.end);
  let found: { from: number; to: number } | undefined;
  parser.parse(file.text).iterate({
    from,
    to,
    enter(node) {
      if (node.name !== "CallExpression" || node.from > from || node.to < to) return;
      const callee = node.node.firstChild;
      if (callee && file.text.slice(callee.from, callee.to).endsWith("execute")) found = { from: node.from, to: node.to };
    },
  });
  return found && file.lines.range(found.from, found.to);
}
