import { repairMysqlColumn } from "./mysqlColumnRepair";
import { blankIndexMethods, indexOperation, readIndexDefinition } from "./mysqlIndexDefinition";
import type { Repair } from "./repair";
import { closingParen, isPunct, readQualifiedName, splitAtCommas, wordAt } from "./tokens";

/** Element heads that are table constraints, not columns. */
const CONSTRAINT_HEADS = new Set(["PRIMARY", "CONSTRAINT", "FOREIGN", "CHECK", "UNIQUE", "INDEX", "KEY", "FULLTEXT", "SPATIAL"]);

/**
 * MySQL CREATE TABLE: named index elements (`UNIQUE INDEX \`k\`(\`a\`)`, `KEY k (a)`) become
 * create_index operations read from tokens; column definitions get the MySQL column repairs;
 * table options after the column list (ENGINE=…, AUTO_INCREMENT=…, charset) are blanked.
 */
export function repairMysqlCreateTable(repair: Repair): void {
  const st = repair.st;
  let tableAt = 1;
  while (tableAt < st.tokens.length && wordAt(st, tableAt) !== "TABLE") tableAt++;
  let nameAt = tableAt + 1;
  if (wordAt(st, nameAt) === "IF") nameAt += 3;
  const table = readQualifiedName(st, nameAt);
  if (!table || !isPunct(st, table.next, "(")) return;

  const open = table.next;
  const close = closingParen(st, open);
  const parts = splitAtCommas(st, open + 1, close);
  const kept = parts.map(([from, to]) => {
    const index = readIndexDefinition(st, from, to);
    if (index) {
      repair.operations.push(indexOperation(st.tokens[from]?.start ?? 0, table, index));
      repair.blankTokens(from, to - 1);
      return false;
    }
    if (CONSTRAINT_HEADS.has(wordAt(st, from) ?? "")) blankIndexMethods(repair, from, to);
    else repairMysqlColumn(repair, from + 1, to);
    return true;
  });
  repair.fixSeparators(parts, kept);

  // Table options say how rows are stored, not what they hold. A query (CREATE … SELECT) stays,
  // and so does a next statement after a forgotten semicolon, for the parser to report.
  const tail = st.tokens.slice(close + 1);
  if (tail.length > 0 && !tail.some((_, k) => NOT_OPTIONS.has(wordAt(st, close + 1 + k) ?? ""))) repair.blankTokens(close + 1, st.tokens.length - 1);
}

const NOT_OPTIONS = new Set(["SELECT", "AS", "CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE", "TABLE", "INDEX"]);
