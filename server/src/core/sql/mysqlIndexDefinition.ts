import type { Operation } from "../schema/operations";
import type { Repair, TokenOperation } from "./repair";
import type { StatementContext } from "./statementContext";
import { identifierAt, isName, isPunct, readColumnList, wordAt, type StatementTokens, type TokenName } from "./tokens";

const INDEX_OPTIONS = new Set(["USING", "COMMENT", "VISIBLE", "INVISIBLE", "KEY_BLOCK_SIZE", "WITH", "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE"]);

export interface IndexDefinition {
  readonly name?: string;
  /** Token span of the name, for `nameRange`. */
  readonly nameSpan?: readonly [number, number];
  readonly unique: boolean;
  /** `fulltext` / `spatial`. */
  readonly detail?: string;
  readonly columns: readonly string[];
}

/**
 * A MySQL index definition in tokens [from, to) (in CREATE TABLE, or after ALTER TABLE … ADD):
 * `[CONSTRAINT [c]] {INDEX|KEY|UNIQUE [INDEX|KEY]|FULLTEXT …|SPATIAL …} [name] [USING BTREE] (cols)`.
 * Undefined for forms the parser reads itself (`UNIQUE (a)`, `CONSTRAINT c UNIQUE (a)`).
 */
export function readIndexDefinition(st: StatementTokens, from: number, to: number): IndexDefinition | undefined {
  let i = from;
  let constraintName: number | undefined;
  if (wordAt(st, i) === "CONSTRAINT") {
    i++;
    if (isName(st, i) && !["UNIQUE", "PRIMARY", "FOREIGN", "CHECK"].includes(wordAt(st, i) ?? "")) constraintName = i++;
  }
  const head = wordAt(st, i);
  let keyWord = false;
  let detail: string | undefined;
  if (head === "UNIQUE" || head === "FULLTEXT" || head === "SPATIAL") {
    if (head !== "UNIQUE") detail = head.toLowerCase();
    i++;
    if (wordAt(st, i) === "INDEX" || wordAt(st, i) === "KEY") {
      keyWord = true;
      i++;
    }
  } else if (head === "INDEX" || head === "KEY") {
    if (constraintName !== undefined) return undefined;
    keyWord = true;
    i++;
  } else return undefined;

  let nameAt: number | undefined;
  if (isName(st, i) && wordAt(st, i) !== "USING") nameAt = i++;
  if (head === "UNIQUE" && !keyWord && nameAt === undefined) return undefined;
  if (wordAt(st, i) === "USING") i += 2;
  const list = readColumnList(st, i);
  // Only index options may follow the columns; anything else is a mistake for the parser to report.
  if (!list || (list.next < to && !INDEX_OPTIONS.has(wordAt(st, list.next) ?? ""))) return undefined;

  const at = nameAt ?? constraintName;
  const token = at === undefined ? undefined : st.tokens[at];
  return {
    ...(at !== undefined ? { name: identifierAt(st, at) } : {}),
    ...(token ? { nameSpan: [token.start, token.end] as const } : {}),
    unique: head === "UNIQUE",
    ...(detail ? { detail } : {}),
    columns: list.columns,
  };
}

/** The create_index for a definition read from tokens, on the statement's table. */
export function indexOperation(offset: number, table: TokenName, index: IndexDefinition): TokenOperation {
  return {
    offset,
    build: (ctx: StatementContext): Operation => {
      const [from, to] = index.nameSpan ?? [table.start, table.end];
      return {
        range: ctx.range,
        nameRange: ctx.at(ctx.base + from, ctx.base + to),
        kind: "create_index",
        ...(index.name !== undefined ? { name: index.name } : {}),
        table: table.name,
        columns: index.columns,
        unique: index.unique,
        concurrently: false,
        ...(index.detail ? { detail: index.detail } : {}),
      };
    },
  };
}

/** `USING BTREE` / `USING HASH` in a key the parser reads (PRIMARY KEY (id) USING BTREE): an index method, not schema. */
export function blankIndexMethods(repair: Repair, from: number, to: number): void {
  for (let i = from; i + 1 < to; i++) {
    const method = wordAt(repair.st, i + 1);
    if (wordAt(repair.st, i) === "USING" && (method === "BTREE" || method === "HASH")) repair.blankTokens(i, i + 1);
  }
}

/** MySQL CREATE / DROP INDEX: `USING BTREE` before ON, and `ALGORITHM=…` / `LOCK=…` after the table. */
export function repairMysqlIndexStatement(repair: Repair): void {
  const st = repair.st;
  blankIndexMethods(repair, 0, st.tokens.length);
  for (let i = 0; i < st.tokens.length; i++) {
    const word = wordAt(st, i);
    if (word !== "ALGORITHM" && word !== "LOCK") continue;
    const value = isPunct(st, i + 1, "=") ? i + 2 : i + 1;
    repair.blankTokens(i, value);
    i = value;
  }
}
