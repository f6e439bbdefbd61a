import type { SqlDialect } from "../schema/sqlContract";
import { lexSql } from "../sql/lexer";
import { parseSuppressionComment, suppressionsOf, type Suppressions } from "../suppressions";
import type { LineIndex } from "../text/lineIndex";

/** `-- migration-lens: disable=rule` comments in a SQL file, with the same meaning as in Python. */
export function readSqlSuppressions(text: string, lines: LineIndex, dialect: SqlDialect): Suppressions {
  const fileRules = new Set<string>();
  const lineRules = new Map<number, Set<string>>();
  for (const token of lexSql(text, dialect)) {
    if (token.kind !== "comment") continue;
    const body = text.slice(token.start, token.end).replace(/^--|^\/\*|\*\/$/g, "").trim();
    parseSuppressionComment(body, token.start, lines, fileRules, lineRules);
  }
  return suppressionsOf(fileRules, lineRules);
}
