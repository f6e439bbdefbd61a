import { lexSql } from "./lexer";
import { normalizeIdentifier } from "./identifiers";
import { sqlIdentifier } from "./sqlIdentifier";

/**
 * A PostgreSQL expression (an index key, a predicate, a CHECK) with a renamed column's name
 * replaced, as PostgreSQL's own catalog shows it after the rename: every identifier token naming
 * the column, bare or quoted, except a function's name (a word before `(`). Strings and comments
 * are left as they are.
 */
export function renameColumnInSql(sql: string, from: string, to: string): string {
  const tokens = lexSql(sql, "postgresql");
  let out = "";
  let last = 0;
  tokens.forEach((token, i) => {
    if (token.kind !== "word" && token.kind !== "quoted") return;
    if (normalizeIdentifier(sql.slice(token.start, token.end)) !== from) return;
    const next = tokens[i + 1];
    if (next && sql.slice(next.start, next.end) === "(") return;
    out += sql.slice(last, token.start) + sqlIdentifier(to);
    last = token.end;
  });
  return out + sql.slice(last);
}
