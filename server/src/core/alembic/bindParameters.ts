import type { SqlDialect } from "../schema/sqlContract";
import { lexSql } from "../sql/lexer";

/**
 * SQLAlchemy's `:name` bind parameters in `sa.text()` SQL are filled at run time; for reading,
 * each becomes a number of the same length, so offsets stay where they were
 * (`VARCHAR(:len)` reads as `VARCHAR(1   )`). `::type` casts and text in strings are left alone.
 */
export function maskBindParameters(sql: string, dialect: SqlDialect): string {
  let out = "";
  let last = 0;
  const tokens = lexSql(sql, dialect);
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    const previous = tokens[i - 1];
    const isBind =
      token.kind === "punct" &&
      sql[token.start] === ":" &&
      next?.kind === "word" &&
      next.start === token.end &&
      !(previous?.kind === "punct" && sql[previous.start] === ":" && previous.end === token.start) &&
      sql[next.start - 2] !== ":";
    if (!isBind || !next) return;
    out += sql.slice(last, token.start) + "1".padEnd(next.end - token.start, " ");
    last = next.end;
  });
  return out + sql.slice(last);
}
