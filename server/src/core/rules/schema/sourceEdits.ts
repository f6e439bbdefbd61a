import { parser } from "@lezer/python";
import type { RevisionFile } from "../../alembic/revisionFile";
import type { FileEdit } from "../../model/findings";
import type { Position, Range } from "../../model/positions";

/** Alembic's block whose statements run outside the migration's transaction. */
export const AUTOCOMMIT_BLOCK = "with op.get_context().autocommit_block():";

const SQL_STATEMENT_START = /^(alter|create|drop|update|insert|delete|with|comment|truncate)\b/i;

/** Whether an operation was written as SQL (a .sql file or SQL inside op.execute) rather than an op.* call. */
export function writtenAsSql(file: RevisionFile, op: { readonly range: Range }): boolean {
  if (file.path.endsWith(".sql")) return true;
  const start = file.lines.offset(op.range.start);
  return SQL_STATEMENT_START.test(file.text.slice(start, start + 12));
}

/**
 * SQL to insert at `offset` of a migration: as is in a .sql file; inside a Python string literal,
 * escaped for that literal (its quote, backslashes, an f-string's braces). Undefined where the
 * literal cannot hold it (a raw string and its own quote), or where SQLAlchemy's text(), through
 * which op.execute runs a string, would read part of it as a `:name` bind parameter.
 */
export function sqlForPythonString(file: RevisionFile, offset: number, sql: string): string | undefined {
  if (file.path.endsWith(".sql")) return sql;
  let node: import("@lezer/common").SyntaxNode | null = parser.parse(file.text).resolveInner(offset, -1);
  while (node && node.name !== "String" && node.name !== "FormatString") node = node.parent;
  if (!node || holdsBindParameter(sql)) return undefined;
  const literal = file.text.slice(node.from, node.to);
  const prefix = /^[A-Za-z]*/.exec(literal)?.[0] ?? "";
  const quote = literal[prefix.length] ?? '"';
  const triple = literal.startsWith(quote.repeat(3), prefix.length);
  const raw = /r/i.test(prefix);
  let text = sql;
  if (!raw) text = text.replace(/\\/g, "\\\\");
  if (!triple && text.includes(quote)) {
    if (raw) return undefined;
    text = text.split(quote).join(`\\${quote}`);
  }
  return /f/i.test(prefix) ? text.replace(/[{}]/g, (brace) => brace + brace) : text;
}

/** SQLAlchemy's text() reads `:name` as a bind parameter: SQL written through it must hold none. */
export function holdsBindParameter(sql: string): boolean {
  return /(?<![:\w\\]):\w/.test(sql);
}

export function insertAt(file: RevisionFile, at: Position, text: string): FileEdit {
  return { file: file.path, range: { start: at, end: at }, newText: text };
}

/**
 * Wraps a statement that stands on its own lines in a block opened by `header` (an `if ...:` or
 * `with ...:`, possibly preceded by lines), indenting it; `rewrite` may change the statement's
 * text first. Only when the call starts its first line and ends its last one.
 */
export function wrapInBlock(file: RevisionFile, range: Range, header: string, rewrite: (statement: string) => string = (s) => s): FileEdit | undefined {
  const first = file.lines.lineText(range.start.line);
  const last = file.lines.lineText(range.end.line);
  const indent = /^[ \t]*/.exec(first)?.[0] ?? "";
  if (first.slice(0, range.start.character).trim() !== "" || last.slice(range.end.character).replace(/#.*$/, "").trim() !== "") return undefined;
  const unit = indent.includes("\t") ? "\t" : "    ";
  const whole = { start: { line: range.start.line, character: 0 }, end: { line: range.end.line, character: last.length } };
  const start = file.lines.offset(range.start);
  const text = file.text.slice(file.lines.offset(whole.start), start) + rewrite(file.text.slice(start, file.lines.offset(range.end))) + last.slice(range.end.character);
  const body = text.split(/\r?\n/).map((line) => (line.trim() === "" ? line : `${unit}${line}`));
  return { file: file.path, range: whole, newText: `${indent}${header.replace(/\n/g, `\n${indent}`)}\n${body.join("\n")}` };
}

/** Adds a keyword argument at the end of a call's arguments. */
export function withKeywordArgument(call: string, argument: string): string {
  if (!call.endsWith(")")) return call;
  const before = call.slice(0, -1).trimEnd();
  const separator = before.endsWith(",") || before.endsWith("(") ? "" : ", ";
  return `${before}${separator}${argument})`;
}
