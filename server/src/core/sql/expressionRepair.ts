import type { Repair } from "./repair";
import { closingParen, isPunct, wordAt } from "./tokens";

/** SQL-standard calls whose arguments are separated by keywords, which the parser does not read. */
const KEYWORD_ARGUMENT_CALLS = new Set(["SUBSTRING", "TRIM", "OVERLAY"]);
const ARGUMENT_KEYWORDS = new Set(["FROM", "FOR", "PLACING"]);
const TRIM_SIDES = new Set(["BOTH", "LEADING", "TRAILING"]);
const ZONE_WORDS = new Set(["WITH", "WITHOUT"]);

/**
 * Expression syntax sql-parser-cst lacks, made into syntax it reads, keeping every offset (the
 * text of a default or check is read from the original): `substring(x FROM 1 FOR 2)` reads as
 * `substring(x ,    1 ,   2)`, `trim(BOTH ' ' FROM x)` as `trim(     ' ' ,    x)`, `OVERLAPS`
 * as `=`, an aggregate's `WITHIN GROUP (ORDER BY …)` is blanked, and a typed constant whose type
 * the parser does not take there (`timestamp with time zone 'epoch'`, `timestamptz 'epoch'`) reads
 * as `timestamp 'epoch'`.
 */
export function repairExpressions(repair: Repair): void {
  const st = repair.st;
  for (let i = 0; i < st.tokens.length; i++) {
    const word = wordAt(st, i);
    if (word && KEYWORD_ARGUMENT_CALLS.has(word) && isPunct(st, i + 1, "(")) {
      repairKeywordArguments(repair, i + 1, closingParen(st, i + 1));
    } else if ((word === "TIMESTAMP" || word === "TIME") && ZONE_WORDS.has(wordAt(st, i + 1) ?? "") && wordAt(st, i + 2) === "TIME" && wordAt(st, i + 3) === "ZONE" && st.tokens[i + 4]?.kind === "string") {
      // A typed constant `timestamp with time zone 'epoch'` reads as `timestamp 'epoch'`.
      repair.blankTokens(i + 1, i + 3);
    } else if ((word === "TIMESTAMPTZ" || word === "TIMETZ") && st.tokens[i + 1]?.kind === "string") {
      repair.replaceToken(i, (word === "TIMETZ" ? "TIME" : "TIMESTAMP").padEnd(word.length, " "));
    } else if (word === "OVERLAPS") {
      repair.replaceToken(i, "=".padEnd("OVERLAPS".length, " "));
    } else if (word === "WITHIN" && wordAt(st, i + 1) === "GROUP" && isPunct(st, i + 2, "(")) {
      const close = closingParen(st, i + 2);
      repair.blankTokens(i, close);
      i = close;
    }
  }
}

/** Between the call's parentheses (tokens open … close): keyword separators become commas, except before the first argument. */
function repairKeywordArguments(repair: Repair, open: number, close: number): void {
  const st = repair.st;
  let depth = 0;
  let argumentSeen = false;
  for (let j = open + 1; j < close; j++) {
    if (isPunct(st, j, "(")) depth++;
    else if (isPunct(st, j, ")")) depth--;
    const word = wordAt(st, j);
    if (depth > 0 || !word) {
      argumentSeen = true;
      continue;
    }
    if (TRIM_SIDES.has(word) && !argumentSeen) repair.blankTokens(j, j);
    else if (ARGUMENT_KEYWORDS.has(word)) {
      if (argumentSeen) repair.replaceToken(j, ",".padEnd(word.length, " "));
      else repair.blankTokens(j, j);
    } else argumentSeen = true;
  }
}
