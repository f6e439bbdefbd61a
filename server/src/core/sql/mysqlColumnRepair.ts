import type { Repair } from "./repair";
import { closingParen, isName, isPunct, wordAt } from "./tokens";

/** MySQL time functions sql-parser-cst reads bare but not with a precision: `CURRENT_TIMESTAMP(3)`. */
const TIME_FUNCTIONS = new Set(["CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "LOCALTIME", "CURRENT_TIME", "CURRENT_DATE", "UTC_TIMESTAMP", "NOW"]);

/**
 * The parts of a MySQL column definition (tokens [from, to), from its type on) the parser
 * refuses: `UNSIGNED` / `ZEROFILL` / `BINARY` (kept as part of the type), `CHARACTER SET x`, `ON UPDATE CURRENT_TIMESTAMP(3)`,
 * `CURRENT_TIMESTAMP(3)` as a default, and the position `FIRST` / `AFTER col`.
 */
export function repairMysqlColumn(repair: Repair, from: number, to: number): void {
  const st = repair.st;
  for (let i = from; i < to; i++) {
    const word = wordAt(st, i);
    const token = st.tokens[i];
    if (!word || !token) continue;
    // `BINARY` after a character type is an attribute; first, or with a length, it is the type itself.
    const binaryAttribute = word === "BINARY" && i > from && !isPunct(st, i + 1, "(");
    if (word === "UNSIGNED" || word === "SIGNED" || word === "ZEROFILL" || binaryAttribute) {
      repair.blankTokens(i, i);
      repair.typeSuffixes.push([token.start, token.end]);
    } else if (word === "CHARACTER" && wordAt(st, i + 1) === "SET") {
      repair.blankTokens(i, i + 2);
      i += 2;
    } else if (word === "CHARSET") {
      repair.blankTokens(i, i + 1);
      i += 1;
    } else if (word === "ON" && wordAt(st, i + 1) === "UPDATE" && TIME_FUNCTIONS.has(wordAt(st, i + 2) ?? "")) {
      const end = isPunct(st, i + 3, "(") ? closingParen(st, i + 3) : i + 2;
      repair.blankTokens(i, end);
      i = end;
    } else if (TIME_FUNCTIONS.has(word) && word !== "NOW" && isPunct(st, i + 1, "(")) {
      // A plain function call of the same length: the default's text is read from the original.
      repair.replaceToken(i, `f${"_".repeat(token.end - token.start - 1)}`);
    } else if ((word === "FIRST" && i + 1 === to) || (word === "AFTER" && isName(st, i + 1) && i + 2 === to)) {
      repair.blankTokens(i, to - 1);
      return;
    }
  }
}
