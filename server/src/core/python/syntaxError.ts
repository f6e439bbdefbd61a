import type { SyntaxNode, Tree } from "@lezer/common";
import type { Range } from "../model/positions";
import type { LineIndex } from "../text/lineIndex";
import { literalEnd, readStringLiteral } from "./stringLiteral";
import { treeTokens, type PyToken } from "./tokens";
import { python2Construct } from "./python2Syntax";

/** The error CPython reports for a source file: it stops at the first one. */
export interface PythonSyntaxError {
  readonly range: Range;
  /** CPython's message, e.g. "'(' was never closed". */
  readonly reason: string;
}

/**
 * Where CPython's tokenizer or parser finds an error. Tokenizer errors that raise at once
 * (strings, brackets) override an earlier parser error; indentation errors only stop the
 * tokenizer, so an earlier parser error stands.
 */
interface Found {
  readonly at: number;
  readonly to: number;
  readonly reason: string;
  /** "unexpected indent" is final: CPython raises it without looking further. */
  readonly source: "parser" | "final" | "tokenizer" | "indentation";
}

const OPENING: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/**
 * The first error CPython would report, read from lezer's tree (which accepts more than Python
 * does): lezer's error nodes and Python 2 `print x`, plus what lezer lets through: unterminated
 * strings, unbalanced brackets and the indentation of logical lines.
 */
export function firstSyntaxError(tree: Tree, text: string, lines: LineIndex): PythonSyntaxError | undefined {
  const tokens = treeTokens(tree);
  let parser = parserError(tree, text, lines);
  const brackets: PyToken[] = [];
  const indents: { col: number; alt: number }[] = [{ col: 0, alt: 0 }];
  let previous: PyToken | undefined;
  let lastCode: PyToken | undefined;
  // Past an error, lezer may read a string's inside as code: Python's tokenizer reads it as a string.
  let stringEnd = 0;
  for (const token of tokens) {
    if (token.from < stringEnd) continue;
    let found: Found | undefined;
    if (token.name !== "Comment" && brackets.length === 0 && startsLogicalLine(text, lines, previous, token)) {
      const indentation = indentationError(text, lines, token, indents, lastCode?.opensBlock ? lastCode : undefined);
      if (indentation?.source === "parser" || indentation?.source === "final") {
        if (!parser || indentation.at <= parser.at) parser = indentation;
      } else found = indentation;
    }
    if (token.name === "⚠" && isQuote(text[token.from])) {
      const end = literalEnd(text, token.from);
      if (end === undefined) found = unterminated(text, lines, token.from, text.startsWith(text[token.from]!.repeat(3), token.from));
      else stringEnd = end;
    }
    found ??= tokenError(text, lines, token, brackets);
    if (found) {
      // The tokenizer reached this error before the parser failed, or it raises and so replaces the parser's error.
      if (!parser || found.at <= parser.at || (found.source === "tokenizer" && parser.source !== "final")) return toError(found, lines);
      return toError(parser, lines);
    }
    previous = token;
    if (token.name !== "Comment") lastCode = token;
  }
  const open = brackets[brackets.length - 1];
  // CPython blames a bracket still open at the end when its parser failed on a later line.
  if (open && (!parser || (parser.source !== "final" && lines.position(parser.at).line > lines.position(open.from).line))) {
    return toError({ at: open.from, to: open.to, reason: `'${text.slice(open.from, open.to)}' was never closed`, source: "tokenizer" }, lines);
  }
  if (lastCode?.opensBlock && (!parser || parser.at >= lastCode.to)) return toError(expectedBlock(lines, lastCode, lineEndOf(lines, Math.max(0, text.length - 1))), lines);
  return parser ? toError(parser, lines) : undefined;
}

function toError(found: Found, lines: LineIndex): PythonSyntaxError {
  return { range: lines.range(found.at, found.to), reason: found.reason };
}

/** A token on a new physical line starts a logical line unless a backslash continues the previous one. */
function startsLogicalLine(text: string, lines: LineIndex, previous: PyToken | undefined, token: PyToken): boolean {
  if (!previous) return true;
  if (lines.position(previous.to).line === lines.position(token.from).line) return false;
  return !/\\\r?\n/.test(text.slice(previous.to, token.from));
}

/** Unterminated strings and brackets that do not match, as CPython's tokenizer reports them. */
function tokenError(text: string, lines: LineIndex, token: PyToken, brackets: PyToken[]): Found | undefined {
  if (token.name === "String" || token.name === "FormatString") {
    const literal = readStringLiteral(text.slice(token.from, token.to));
    if (!literal || literal.closed) return undefined;
    return unterminated(text, lines, token.from, literal.quote.length === 3);
  }
  if (token.name === "Number") return numberError(text, token);
  if (token.name === "(" || token.name === "[" || token.name === "{") brackets.push(token);
  const expected = OPENING[token.name];
  if (expected === undefined) return undefined;
  const open = brackets.pop();
  if (!open) return { at: token.from, to: token.to, reason: `unmatched '${token.name}'`, source: "tokenizer" };
  if (open.name === expected) return undefined;
  const openLine = lines.position(open.from).line;
  const where = openLine === lines.position(token.from).line ? "" : ` on line ${openLine + 1}`;
  return { at: token.from, to: token.to, reason: `closing parenthesis '${token.name}' does not match opening parenthesis '${open.name}'${where}`, source: "tokenizer" };
}

/** Keywords CPython still lets follow a number directly (`1if x else 2`), with a warning. */
const KEYWORDS_AFTER_NUMBER = new Set(["and", "else", "for", "if", "in", "is", "not", "or"]);

/** The decimal literals CPython's tokenizer rejects: `05`, and a name glued to a number (`2024_06_01abc`, a docstring read as code). */
function numberError(text: string, token: PyToken): Found | undefined {
  const written = text.slice(token.from, token.to);
  if (/^0[box]/i.test(written)) return undefined;
  const glued = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(text.slice(token.to, token.to + 40))?.[0];
  if (glued !== undefined && !KEYWORDS_AFTER_NUMBER.has(glued)) return { at: token.from, to: token.to + glued.length, reason: "invalid decimal literal", source: "tokenizer" };
  if (/^0+[1-9][\d_]*$/.test(written)) {
    return { at: token.from, to: token.to, reason: "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", source: "tokenizer" };
  }
  return undefined;
}

function unterminated(text: string, lines: LineIndex, at: number, triple: boolean): Found {
  const to = lineEndOf(lines, at);
  // A triple-quoted literal runs to the end of the file, where CPython detects it.
  const detected = triple ? lines.position(Math.max(0, text.length - 1)).line + 1 : lines.position(at).line + 1;
  return { at, to, reason: `unterminated ${triple ? "triple-quoted " : ""}string literal (detected at line ${detected})`, source: "tokenizer" };
}

function isQuote(c: string | undefined): boolean {
  return c === "'" || c === '"';
}

/**
 * The indentation of a logical line against the open blocks, as CPython's tokenizer measures it:
 * tabs to the next multiple of 8, and again counting a tab as one column, which must agree.
 */
function indentationError(text: string, lines: LineIndex, token: PyToken, indents: { col: number; alt: number }[], blockOpener: PyToken | undefined): Found | undefined {
  const line = lines.position(token.from).line;
  const start = lines.lineStart(line);
  let col = 0;
  let alt = 0;
  for (const c of text.slice(start, token.from)) {
    if (c === "\t") {
      col = (Math.floor(col / 8) + 1) * 8;
      alt++;
    } else if (c === "\f") col = alt = 0;
    else {
      col++;
      alt++;
    }
  }
  // The whole line, indentation included: what is wrong is where the line starts.
  const lineRange = { at: start, to: lineEndOf(lines, token.from) };
  const tabError: Found = { at: start, to: token.from, reason: "inconsistent use of tabs and spaces in indentation", source: "indentation" };
  let top = indents[indents.length - 1]!;
  if (col > top.col) {
    if (alt <= top.alt) return tabError;
    indents.push({ col, alt });
    return blockOpener ? undefined : { ...lineRange, reason: "unexpected indent", source: "final" };
  }
  while (col < top.col && indents.length > 1) {
    indents.pop();
    top = indents[indents.length - 1]!;
  }
  if (col !== top.col) return { ...lineRange, reason: "unindent does not match any outer indentation level", source: "indentation" };
  if (alt !== top.alt) return tabError;
  return blockOpener ? expectedBlock(lines, blockOpener, start) : undefined;
}

function expectedBlock(lines: LineIndex, opener: PyToken, at: number): Found {
  const block = opener.opensBlock!;
  return { at, to: Math.max(at, lineEndOf(lines, at)), reason: `expected an indented block after ${block.statement} on line ${lines.position(block.keywordAt).line + 1}`, source: "parser" };
}

/** Lezer's first error node, or Python 2 syntax lezer accepts (`print x`, `except E, e:`, `<>`). */
function parserError(tree: Tree, text: string, lines: LineIndex): Found | undefined {
  let found: Found | undefined;
  // Python 3 reads `print >> f, x` as an expression: lezer's errors on that line are its misreading.
  let misreadUntil = -1;
  tree.iterate({
    enter(node) {
      if (found) return false;
      const python2 = python2Construct(node, text);
      if (python2) {
        found = { at: python2.from, to: python2.to, reason: python2.reason, source: "parser" };
        return false;
      }
      if (node.name === "PrintStatement") misreadUntil = lineEndOf(lines, node.from);
      if (!node.type.isError || node.from <= misreadUntil || inParenthesizedWith(node.node)) return undefined;
      const to = Math.max(node.to, Math.min(node.from + 1, lineEndOf(lines, node.from)));
      found = { at: node.from, to, reason: missingColon(node.node) ? "expected ':'" : "invalid syntax", source: "parser" };
      return false;
    },
  });
  return found;
}

/**
 * `with (open(a) as f, open(b) as g):` — parenthesized context managers (Python 3.10), which
 * lezer's grammar predates: it reads the parenthesis as an expression and flags the `as` and the
 * `)` after it, then reads the body as it should.
 */
function inParenthesizedWith(error: SyntaxNode): boolean {
  let statement = error.parent;
  while (statement && statement.name !== "WithStatement" && statement.name !== "Body") statement = statement.parent;
  if (statement?.name !== "WithStatement") return false;
  const first = statement.firstChild?.nextSibling;
  return (first?.name === "ParenthesizedExpression" || first?.name === "TupleExpression") && first.from < error.from && error.from < (statement.getChild("Body")?.from ?? 0);
}

/** An error that begins a block where its `:` should be. */
function missingColon(error: SyntaxNode): boolean {
  return error.parent?.name === "Body" && error.prevSibling === null;
}

function lineEndOf(lines: LineIndex, offset: number): number {
  const line = lines.position(offset).line;
  return lines.lineStart(line) + lines.lineText(line).length;
}
