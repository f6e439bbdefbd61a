import type { Range } from "../model/positions";
import { ANY_NAME, exactName, type UncertainTables } from "../schema/namePattern";
import type { Operation } from "../schema/operations";
import type { SqlDialect } from "../schema/sqlContract";
import { readQualifiedName, statementTokens, wordAt, type StatementTokens } from "./tokens";

/**
 * A statement the analysis could not read still ran: what it did to the schema is unknown. Its
 * leading words say which tables it may have made or removed (CREATE … TABLE name, DROP TABLE
 * name; a RENAME anywhere may have made any name), so later findings on them are not claimed.
 */
export function unreadStatement(text: string, dialect: SqlDialect, range: Range): Operation {
  const st = statementTokens(text, dialect);
  return { kind: "unknown", reason: "a SQL statement the analysis could not read", range, tables: uncertainTables(st) };
}

function uncertainTables(st: StatementTokens): UncertainTables[] {
  const words = st.tokens.map((_, i) => wordAt(st, i));
  const table = words.indexOf("TABLE");
  const tables: UncertainTables[] = [];
  if (table >= 0 && (words[0] === "CREATE" || words[0] === "DROP")) {
    let at = table + 1;
    while (["IF", "NOT", "EXISTS", "ONLY"].includes(words[at] ?? "")) at++;
    const name = readQualifiedName(st, at);
    tables.push({ name: name ? exactName(name.name.name) : ANY_NAME, may: words[0] === "CREATE" ? "exist" : "be-gone" });
  }
  if (words.includes("RENAME")) tables.push({ name: ANY_NAME, may: "exist" });
  return tables;
}
