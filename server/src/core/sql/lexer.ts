import type { SqlDialect } from "../schema/sqlContract";

/**
 * A small SQL lexer: just enough to split statements, read a statement's leading words and
 * normalize type text. Quoting rules follow the dialect, because a quote or comment misread
 * here would swallow the statements after it.
 */
export type SqlTokenKind =
  | "word" // keyword or unquoted identifier
  | "quoted" // quoted identifier: "x", `x`, [x]
  | "string" // 'x', E'x', MySQL "x", $tag$x$tag$
  | "number"
  | "comment"
  | "punct"; // any other single character

export interface SqlToken {
  readonly kind: SqlTokenKind;
  readonly start: number;
  readonly end: number;
  /** The closing quote or comment end is missing: the token runs to the end of the text. */
  readonly unterminated?: boolean;
}

export function lexSql(text: string, dialect: SqlDialect, from = 0, to = text.length): SqlToken[] {
  const tokens: SqlToken[] = [];
  let pos = from;
  for (;;) {
    const token = readToken(text, pos, dialect, to);
    if (!token) return tokens;
    tokens.push(token);
    pos = token.end;
  }
}

/** The next token at or after `pos` (whitespace skipped), or undefined at the end. */
export function readToken(text: string, pos: number, dialect: SqlDialect, to = text.length): SqlToken | undefined {
  while (pos < to && isSpace(text.charCodeAt(pos))) pos++;
  if (pos >= to) return undefined;
  const c = text[pos] ?? "";
  const next = text[pos + 1] ?? "";

  if (c === "-" && next === "-" && (dialect !== "mysql" || pos + 2 >= to || isSpace(text.charCodeAt(pos + 2)))) return lineComment(text, pos, to);
  if (c === "#" && dialect === "mysql") return lineComment(text, pos, to);
  if (c === "/" && next === "*") return blockComment(text, pos, to, dialect === "postgresql");
  if (c === "'") return quoted(text, pos, pos, "'", dialect === "mysql", "string", to);
  if ((c === "E" || c === "e") && next === "'" && dialect === "postgresql") return quoted(text, pos, pos + 1, "'", true, "string", to);
  if (c === '"') return quoted(text, pos, pos, '"', dialect === "mysql", dialect === "mysql" ? "string" : "quoted", to);
  if (c === "`" && dialect !== "postgresql") return quoted(text, pos, pos, "`", false, "quoted", to);
  if (c === "[" && dialect === "sqlite") return bracketed(text, pos, to);
  if (c === "$" && dialect === "postgresql") {
    const dollar = dollarQuoted(text, pos, to);
    if (dollar) return dollar;
  }
  if (isDigit(c) || (c === "." && isDigit(next))) return number(text, pos, to);
  if (isWordStart(c)) {
    let end = pos + 1;
    while (end < to && isWordPart(text[end] ?? "")) end++;
    return { kind: "word", start: pos, end };
  }
  return { kind: "punct", start: pos, end: pos + 1 };
}

function lineComment(text: string, start: number, to: number): SqlToken {
  let end = start;
  while (end < to && text[end] !== "\n" && text[end] !== "\r") end++;
  return { kind: "comment", start, end };
}

/** PostgreSQL nests block comments; MySQL and SQLite end at the first `*\/`. */
function blockComment(text: string, start: number, to: number, nested: boolean): SqlToken {
  let depth = 0;
  let pos = start;
  while (pos < to) {
    if (text[pos] === "/" && text[pos + 1] === "*") {
      if (depth > 0 && !nested) {
        pos += 2;
        continue;
      }
      depth++;
      pos += 2;
    } else if (text[pos] === "*" && text[pos + 1] === "/") {
      depth--;
      pos += 2;
      if (depth === 0) return { kind: "comment", start, end: pos };
    } else pos++;
  }
  return { kind: "comment", start, end: to, unterminated: true };
}

/** A quote doubled inside stands for itself; with `backslash`, `\x` escapes any character. */
function quoted(text: string, start: number, quoteAt: number, quote: string, backslash: boolean, kind: SqlTokenKind, to: number): SqlToken {
  let pos = quoteAt + 1;
  while (pos < to) {
    const c = text[pos];
    if (backslash && c === "\\") pos += 2;
    else if (c === quote) {
      if (text[pos + 1] === quote) pos += 2;
      else return { kind, start, end: pos + 1 };
    } else pos++;
  }
  return { kind, start, end: to, unterminated: true };
}

function bracketed(text: string, start: number, to: number): SqlToken {
  const close = text.indexOf("]", start + 1);
  return close < 0 || close >= to ? { kind: "quoted", start, end: to, unterminated: true } : { kind: "quoted", start, end: close + 1 };
}

/** `$tag$ … $tag$`; a `$` that does not open a tag (`$1`, `a$b`) is not a quote. */
function dollarQuoted(text: string, start: number, to: number): SqlToken | undefined {
  if (start > 0 && isWordPart(text[start - 1] ?? "")) return undefined;
  let pos = start + 1;
  if (isDigit(text[pos] ?? "")) return undefined;
  while (pos < to && isWordPart(text[pos] ?? "") && text[pos] !== "$") pos++;
  if (text[pos] !== "$") return undefined;
  const tag = text.slice(start, pos + 1);
  const close = text.indexOf(tag, pos + 1);
  if (close < 0 || close + tag.length > to) return { kind: "string", start, end: to, unterminated: true };
  return { kind: "string", start, end: close + tag.length };
}

function number(text: string, start: number, to: number): SqlToken {
  let pos = start;
  while (pos < to && (isDigit(text[pos] ?? "") || text[pos] === ".")) pos++;
  if ((text[pos] === "e" || text[pos] === "E") && (isDigit(text[pos + 1] ?? "") || ((text[pos + 1] === "+" || text[pos + 1] === "-") && isDigit(text[pos + 2] ?? "")))) {
    pos += 2;
    while (pos < to && isDigit(text[pos] ?? "")) pos++;
  }
  // MySQL allows identifiers that start with digits (`1st_table`): read them as one word.
  if (pos < to && isWordStart(text[pos] ?? "")) {
    while (pos < to && isWordPart(text[pos] ?? "")) pos++;
    return { kind: "word", start, end: pos };
  }
  return { kind: "number", start, end: pos };
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11 || code === 0xa0 || code === 0xfeff;
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

function isWordStart(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_" || c > "\u007f";
}

function isWordPart(c: string): boolean {
  return isWordStart(c) || isDigit(c) || c === "$";
}

/** The token's text upper-cased when it is a word, for keyword comparisons. */
export function keywordOf(text: string, token: SqlToken | undefined): string | undefined {
  return token?.kind === "word" ? text.slice(token.start, token.end).toUpperCase() : undefined;
}
