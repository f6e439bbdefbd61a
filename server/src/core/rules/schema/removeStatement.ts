import { parser } from "@lezer/python";
import type { RevisionFile } from "../../alembic/revisionFile";
import type { FileEdit } from "../../model/findings";
import type { Range } from "../../model/positions";

/**
 * Deletes a Python statement that stands on its own lines (comments on its last line go with
 * it). A block left with no statement gets `pass`, so the file still parses.
 */
export function removeStatement(file: RevisionFile, statement: Range): FileEdit | undefined {
  const first = file.lines.lineText(statement.start.line);
  const last = file.lines.lineText(statement.end.line);
  if (first.slice(0, statement.start.character).trim() !== "" || last.slice(statement.end.character).replace(/#.*$/, "").trim() !== "") return undefined;
  const from = file.lines.offset(statement.start);
  const to = file.lines.offset(statement.end);
  const body = innermostBody(file.text, from, to);
  if (!body) return undefined;
  const alone = body.every((s) => s.name === ":" || s.name === "Comment" || (s.from >= from && s.to <= to));
  const lines = { start: { line: statement.start.line, character: 0 }, end: { line: statement.end.line, character: last.length } };
  if (alone) return { file: file.path, range: lines, newText: `${/^[ \t]*/.exec(first)?.[0] ?? ""}pass` };
  // The whole lines, with the line break after them (or before them, on the file's last line).
  const next = statement.end.line + 1 < file.lines.lineCount ? { start: lines.start, end: { line: statement.end.line + 1, character: 0 } } : undefined;
  if (next) return { file: file.path, range: next, newText: "" };
  const previous = statement.start.line - 1;
  return { file: file.path, range: { start: { line: previous, character: file.lines.lineText(previous).length }, end: lines.end }, newText: "" };
}

/** The children of the innermost block holding the range. */
function innermostBody(text: string, from: number, to: number): { name: string; from: number; to: number }[] | undefined {
  let found: { name: string; from: number; to: number }[] | undefined;
  parser.parse(text).iterate({
    from,
    to,
    enter(node) {
      if (node.name !== "Body" || node.from > from || node.to < to) return;
      const children: { name: string; from: number; to: number }[] = [];
      for (let child = node.node.firstChild; child; child = child.nextSibling) children.push({ name: child.name, from: child.from, to: child.to });
      found = children;
    },
  });
  return found;
}
