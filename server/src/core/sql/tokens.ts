import type { QualifiedName } from "../schema/operations";
import type { SqlDialect } from "../schema/sqlContract";
import { normalizeIdentifier } from "./identifiers";
import { keywordOf, lexSql, type SqlToken } from "./lexer";

/** One statement's tokens without comments, for reading statements the parser does not take. */
export interface StatementTokens {
  readonly text: string;
  readonly tokens: readonly SqlToken[];
  /** A quote or comment in it never closes. */
  readonly unterminated: boolean;
}

export function statementTokens(text: string, dialect: SqlDialect): StatementTokens {
  const all = lexSql(text, dialect);
  return { text, tokens: all.filter((t) => t.kind !== "comment"), unterminated: all.some((t) => t.unterminated) };
}

export function wordAt(st: StatementTokens, i: number): string | undefined {
  return keywordOf(st.text, st.tokens[i]);
}

export function isPunct(st: StatementTokens, i: number, char: string): boolean {
  const token = st.tokens[i];
  return token?.kind === "punct" && st.text[token.start] === char;
}

export function isName(st: StatementTokens, i: number): boolean {
  const kind = st.tokens[i]?.kind;
  return kind === "word" || kind === "quoted";
}

/** The token's text as an identifier: quoted kept, unquoted folded. */
export function identifierAt(st: StatementTokens, i: number): string {
  const token = st.tokens[i];
  return token ? normalizeIdentifier(st.text.slice(token.start, token.end)) : "";
}

export interface TokenName {
  readonly name: QualifiedName;
  /** Offsets of the whole name in the statement text. */
  readonly start: number;
  readonly end: number;
  /** The token after the name. */
  readonly next: number;
}

/** `name`, `schema.name` or `db.schema.name` starting at token i. */
export function readQualifiedName(st: StatementTokens, i: number): TokenName | undefined {
  if (!isName(st, i)) return undefined;
  const parts = [identifierAt(st, i)];
  let last = i;
  while (isPunct(st, last + 1, ".") && isName(st, last + 2)) {
    parts.push(identifierAt(st, last + 2));
    last += 2;
  }
  const name = parts[parts.length - 1] ?? "";
  const schema = parts[parts.length - 2];
  return { name: schema === undefined ? { name } : { schema, name }, start: st.tokens[i]?.start ?? 0, end: st.tokens[last]?.end ?? 0, next: last + 1 };
}

/** The index of the `)` closing the `(` at token i (the token count when it never closes). */
export function closingParen(st: StatementTokens, i: number): number {
  let depth = 0;
  for (let j = i; j < st.tokens.length; j++) {
    if (isPunct(st, j, "(")) depth++;
    else if (isPunct(st, j, ")") && --depth === 0) return j;
  }
  return st.tokens.length;
}

/** `(a, b(10) DESC, c)` at token i: the leading name of each item (MySQL prefix lengths and orders dropped). */
export function readColumnList(st: StatementTokens, i: number): { readonly columns: string[]; readonly next: number } | undefined {
  if (!isPunct(st, i, "(")) return undefined;
  const close = closingParen(st, i);
  const columns = splitAtCommas(st, i + 1, close).flatMap(([from]) => (isName(st, from) ? [identifierAt(st, from)] : []));
  return { columns, next: close + 1 };
}

/** Token ranges [from, to) between `from` and `to`, split at commas outside parentheses. */
export function splitAtCommas(st: StatementTokens, from: number, to: number): [number, number][] {
  const parts: [number, number][] = [];
  let depth = 0;
  let start = from;
  for (let j = from; j < to; j++) {
    if (isPunct(st, j, "(")) depth++;
    else if (isPunct(st, j, ")")) depth--;
    else if (depth === 0 && isPunct(st, j, ",")) {
      parts.push([start, j]);
      start = j + 1;
    }
  }
  if (start < to) parts.push([start, to]);
  return parts;
}

/** Parentheses balance and every quote and comment is closed: the first test of a statement the parser refused. */
export function isWellFormed(st: StatementTokens): boolean {
  if (st.unterminated) return false;
  let depth = 0;
  for (let j = 0; j < st.tokens.length; j++) {
    if (isPunct(st, j, "(")) depth++;
    else if (isPunct(st, j, ")") && --depth < 0) return false;
  }
  return depth === 0;
}

/** A same-length copy of a statement's text with parts blanked or replaced, so that offsets stay true. */
export class Patch {
  private readonly chars: string[];
  constructor(text: string) {
    this.chars = text.split("");
  }

  /** Spaces over [from, to), keeping line breaks so that line numbers in parser errors stay true. */
  blank(from: number, to: number): void {
    for (let i = from; i < to; i++) if (this.chars[i] !== "\n" && this.chars[i] !== "\r") this.chars[i] = " ";
  }

  replace(at: number, replacement: string): void {
    for (let i = 0; i < replacement.length; i++) this.chars[at + i] = replacement[i] ?? " ";
  }

  toString(): string {
    return this.chars.join("");
  }
}
