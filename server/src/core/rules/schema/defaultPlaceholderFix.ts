import { parser } from "@lezer/python";
import type { SyntaxNode } from "@lezer/common";
import type { RevisionFile } from "../../alembic/revisionFile";
import type { Fix } from "../../model/findings";
import type { Operation } from "../../schema/operations";
import { insertAt, writtenAsSql } from "./sourceEdits";

/** A default to start from, by type: the user replaces it with the real value. */
export function placeholderDefault(type: string | undefined): string {
  const t = (type ?? "").toLowerCase();
  if (/int|serial|numeric|decimal|real|double|float|money/.test(t)) return "0";
  if (/bool/.test(t)) return "false";
  if (/timestamp|datetime|date|time/.test(t)) return "now()";
  if (/json/.test(t)) return "'{}'";
  return "''";
}

/** Adds a server default placeholder to the column: `server_default=sa.text(...)` or SQL `DEFAULT ...`. */
export function requiredColumnDefaultFix(file: RevisionFile, op: Extract<Operation, { kind: "add_column" }>): Fix | undefined {
  const value = placeholderDefault(op.column.type);
  const title = `Add a server default placeholder (${value})`;
  if (writtenAsSql(file, op)) {
    const statement = file.text.slice(file.lines.offset(op.range.start), file.lines.offset(op.range.end));
    const end = statement.replace(/[\s;]+$/, "").length;
    return { title, edits: [insertAt(file, file.lines.position(file.lines.offset(op.range.start) + end), ` DEFAULT ${value}`)] };
  }
  // Find the sa.Column(...) call inside op.add_column(...) and add a keyword argument at its end.
  const tree = parser.parse(file.text);
  const start = file.lines.offset(op.range.start);
  const end = file.lines.offset(op.range.end);
  let columnArgs: SyntaxNode | undefined;
  let module = "";
  tree.iterate({
    from: start,
    to: end,
    enter(node) {
      if (node.name !== "CallExpression" || node.from < start || node.to > end) return;
      const callee = node.node.firstChild;
      const name = callee ? file.text.slice(callee.from, callee.to) : "";
      if (name === "Column" || name.endsWith(".Column")) {
        columnArgs = node.node.getChild("ArgList") ?? undefined;
        module = name.slice(0, -"Column".length);
      }
    },
  });
  if (!columnArgs) return undefined;
  // sa.Column → sa.text(...); a bare Column has no module to take text() from: a plain string
  // default is a literal, which suits every placeholder but now().
  const argument = module ? `${module}text(${JSON.stringify(value)})` : value === "now()" ? undefined : JSON.stringify(value.replace(/^'(.*)'$/, "$1"));
  if (argument === undefined) return undefined;
  // An explicit `server_default=None` is replaced, not repeated (a repeated keyword does not parse).
  for (let child = columnArgs.firstChild; child; child = child.nextSibling) {
    const value = child.nextSibling?.name === "AssignOp" ? child.nextSibling.nextSibling : null;
    if (child.name === "VariableName" && file.text.slice(child.from, child.to) === "server_default" && value) {
      return { title, edits: [{ file: file.path, range: file.lines.range(value.from, value.to), newText: argument }] };
    }
  }
  const close = columnArgs.to - 1;
  const inner = file.text.slice(columnArgs.from + 1, close);
  const separator = inner.trim() === "" ? "" : inner.trimEnd().endsWith(",") ? " " : ", ";
  const insertion = file.text.slice(columnArgs.from + 1, close).replace(/\s+$/, "").length + columnArgs.from + 1;
  return { title, edits: [insertAt(file, file.lines.position(insertion), `${separator}server_default=${argument}`)] };
}
