import type { SqlDialect } from "../schema/sqlContract";
import { isPunct, statementTokens, wordAt, type StatementTokens } from "./tokens";

/**
 * The first construct in a migration's text that, of the dialects the analysis reads, only MySQL
 * or only SQLite takes: MySQL's `AUTO_INCREMENT`, `ENGINE = InnoDB`, `DEFAULT CHARSET`; SQLite's
 * `AUTOINCREMENT`, `WITHOUT ROWID`. A folder that names no database is read in that dialect
 * instead of PostgreSQL. Strings and comments are never looked into.
 */
export function dialectMarker(text: string): { readonly dialect: SqlDialect; readonly written: string } | undefined {
  const st = statementTokens(text, "mysql");
  for (let i = 0; i < st.tokens.length; i++) {
    const found = markerAt(st, i);
    if (found) return { dialect: found.dialect, written: text.slice(st.tokens[i]!.start, st.tokens[found.last]!.end) };
  }
  return undefined;
}

const MYSQL_ENGINES = new Set(["INNODB", "MYISAM", "ARIA"]);

function markerAt(st: StatementTokens, i: number): { dialect: SqlDialect; last: number } | undefined {
  const here = wordAt(st, i);
  if (here === "AUTO_INCREMENT") return { dialect: "mysql", last: i };
  if (here === "ENGINE") {
    const at = isPunct(st, i + 1, "=") ? i + 2 : i + 1;
    if (MYSQL_ENGINES.has(wordAt(st, at) ?? "")) return { dialect: "mysql", last: at };
  }
  if (here === "DEFAULT" && wordAt(st, i + 1) === "CHARSET") return { dialect: "mysql", last: i + 1 };
  if (here === "AUTOINCREMENT") return { dialect: "sqlite", last: i };
  if (here === "WITHOUT" && wordAt(st, i + 1) === "ROWID") return { dialect: "sqlite", last: i + 1 };
  return undefined;
}
