import { parse, type Statement } from "sql-parser-cst";
import type { SqlDialect } from "../schema/sqlContract";

export interface SqlParseError {
  /** Offset in the parsed text where the parser stopped. */
  readonly offset: number;
  /** What it found there: `"CURRENT_TIMESTAMP"`, or `end of input`. */
  readonly found: string;
  /** What it would have accepted, white space left out. */
  readonly expected: readonly string[];
}

export type SqlParseResult = { readonly statements: readonly Statement[]; readonly error?: undefined } | { readonly statements?: undefined; readonly error: SqlParseError };

/** Parses one statement's text with sql-parser-cst; ranges in the tree are offsets in `text`. */
export function parseSql(text: string, dialect: SqlDialect): SqlParseResult {
  try {
    const program = parse(text, { dialect, includeRange: true });
    return { statements: program.statements.filter((s) => s.type !== "empty") };
  } catch (e) {
    return { error: readSyntaxError(e instanceof Error ? e.message : String(e), text) };
  }
}

/**
 * sql-parser-cst only throws a formatted message (`Syntax Error: Unexpected "X"`, `Was expecting
 * to see: …`, `--> file:line:column`): its three first lines are read back into parts.
 */
function readSyntaxError(message: string, text: string): SqlParseError {
  const lines = message.split("\n");
  const found = afterPrefix(lines[0], "Syntax Error: Unexpected ") ?? (lines[0] ?? message);
  const expectedText = afterPrefix(lines[1], "Was expecting to see: ") ?? "";
  const expected = expectedText
    .split(", ")
    .map((e) => (e.startsWith("or ") ? e.slice(3) : e))
    .flatMap((e) => e.split(" or "))
    .filter((e) => e !== "" && e !== "whitespace");
  const where = afterPrefix(lines[2], "--> ") ?? "";
  const parts = where.split(":");
  const line = Number(parts[parts.length - 2]);
  const column = Number(parts[parts.length - 1]);
  return { offset: Number.isFinite(line) && Number.isFinite(column) ? offsetOf(text, line, column) : 0, found, expected };
}

function afterPrefix(line: string | undefined, prefix: string): string | undefined {
  return line?.startsWith(prefix) ? line.slice(prefix.length) : undefined;
}

/** 1-based line and column (lines end at \r\n, \n or \r, as the parser counts them) to an offset. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line && offset < text.length; current++) {
    while (offset < text.length && text[offset] !== "\n" && text[offset] !== "\r") offset++;
    if (text[offset] === "\r" && text[offset + 1] === "\n") offset++;
    offset++;
  }
  return Math.min(offset + column - 1, text.length);
}
