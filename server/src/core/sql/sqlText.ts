import type { SqlDialect } from "../schema/sqlContract";
import { foldAscii, normalizeIdentifier } from "./identifiers";
import { lexSql, type SqlToken } from "./lexer";

/** The SQL between two offsets on one line: comments dropped, each run of white space made one space. */
export function compactSql(text: string, from: number, to: number, dialect: SqlDialect): string {
  let out = "";
  let previous: SqlToken | undefined;
  for (const token of lexSql(text, dialect, from, to)) {
    if (token.kind === "comment") continue;
    if (previous && previous.end < token.start) out += " ";
    out += text.slice(token.start, token.end);
    previous = token;
  }
  return out;
}

const TIGHT_AFTER = new Set(["(", "[", ".", ","]);
const TIGHT_BEFORE = new Set(["(", ")", "[", "]", ",", "."]);

/**
 * A column type as the operations carry it: keywords and unquoted names in lower case, quoted
 * names kept quoted with double quotes (a quoted type is a user type: type-not-found relies on
 * it), spaces only between words (`varchar(255)`, `double precision`,
 * `timestamp(3) with time zone`, `` `Status` `` → `"Status"`, `numeric(10, 2)` → `numeric(10,2)`).
 */
export function normalizeTypeText(text: string, from: number, to: number, dialect: SqlDialect): string {
  let out = "";
  let previous = "";
  for (const token of lexSql(text, dialect, from, to)) {
    if (token.kind === "comment") continue;
    const raw = text.slice(token.start, token.end);
    const piece = token.kind === "word" ? foldAscii(raw) : token.kind === "quoted" ? `"${normalizeIdentifier(raw).replace(/"/g, '""')}"` : raw;
    const tight = previous === "" || TIGHT_AFTER.has(previous) || TIGHT_BEFORE.has(piece);
    out += tight ? piece : ` ${piece}`;
    previous = piece;
  }
  return out;
}
