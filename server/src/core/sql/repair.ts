import type { Operation } from "../schema/operations";
import type { SqlDialect } from "../schema/sqlContract";
import { repairAlterTable } from "./alterTableRepair";
import { repairExpressions } from "./expressionRepair";
import { repairMysqlCreateTable } from "./mysqlCreateTableRepair";
import { repairMysqlIndexStatement } from "./mysqlIndexDefinition";
import type { ActionRewrite, StatementContext } from "./statementContext";
import { Patch, wordAt, type StatementTokens } from "./tokens";

/** An operation read from tokens, for a part of a statement the parser cannot take. */
export interface TokenOperation {
  /** Where the part starts in the statement text: operations keep the statement's order. */
  readonly offset: number;
  readonly build: (ctx: StatementContext) => Operation;
}

/**
 * Valid SQL that sql-parser-cst refuses, made parseable without moving any offset: the parts it
 * cannot take are read from tokens and blanked out (or replaced by text of the same length), and
 * the parser reads the rest. Offsets below are in the statement's text.
 */
export class Repair {
  readonly patch: Patch;
  readonly typeSuffixes: [number, number][] = [];
  readonly rewrites = new Map<number, ActionRewrite>();
  readonly operations: TokenOperation[] = [];
  /** False when every part was read from tokens and nothing is left to parse. */
  parserNeeded = true;
  /** Whether anything was changed: if not, the parser's refusal stands. */
  changed = false;

  constructor(readonly st: StatementTokens) {
    this.patch = new Patch(st.text);
  }

  /** Blanks tokens [from, to] (inclusive). */
  blankTokens(from: number, to: number): void {
    const first = this.st.tokens[from];
    const last = this.st.tokens[to];
    if (!first || !last) return;
    this.patch.blank(first.start, last.end);
    this.changed = true;
  }

  replaceToken(index: number, replacement: string): void {
    const token = this.st.tokens[index];
    if (!token || replacement.length !== token.end - token.start) return;
    this.patch.replace(token.start, replacement);
    this.changed = true;
  }

  /**
   * After some comma-separated parts were blanked, keeps commas only between the parts left, so
   * `a, <blank>, c` reads `a   ,   c` and not `a, , c`.
   */
  fixSeparators(parts: readonly (readonly [number, number])[], kept: readonly boolean[]): boolean {
    let seenKept = false;
    parts.forEach(([from], k) => {
      const comma = this.st.tokens[from - 1];
      if (k > 0 && comma) this.patch.blank(comma.start, comma.end);
      if (kept[k]) {
        if (seenKept && comma) this.patch.replace(comma.start, ",");
        seenKept = true;
      }
    });
    return seenKept;
  }
}

/** Repairs for the statement, or undefined when none applies (the parser's error then stands). */
export function repairStatement(st: StatementTokens, dialect: SqlDialect): Repair | undefined {
  const repair = new Repair(st);
  const head = wordAt(st, 0);
  const isIndex = wordAt(st, 1) === "INDEX" || wordAt(st, 2) === "INDEX";
  repairExpressions(repair);
  // ALTER FOREIGN TABLE takes the actions of ALTER TABLE.
  if (head === "ALTER" && wordAt(st, 1) === "FOREIGN" && wordAt(st, 2) === "TABLE") repair.blankTokens(1, 1);
  if (head === "ALTER") repairAlterTable(repair, dialect);
  else if (dialect === "mysql" && isIndex) repairMysqlIndexStatement(repair);
  else if (head === "CREATE" && dialect === "mysql") repairMysqlCreateTable(repair);
  return repair.changed ? repair : undefined;
}
