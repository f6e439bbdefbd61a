import type { Operation } from "../schema/operations";
import type { HeadClass } from "./statementHeads";
import type { StatementContext } from "./statementContext";
import { readQualifiedName, wordAt, type StatementTokens } from "./tokens";
import { compactSql } from "./sqlText";

/** Words between a writing command and its table: `INSERT IGNORE INTO`, `DELETE FROM ONLY`, `INSERT OR REPLACE INTO`. */
const BEFORE_TABLE = new Set(["INTO", "FROM", "ONLY", "TABLE", "IGNORE", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "QUICK", "OR", "ABORT", "FAIL", "REPLACE", "ROLLBACK"]);

/**
 * Operations for a well-formed statement the parser does not support, from its head alone:
 * nothing, an `unknown`, or a data_change whose table is read from tokens.
 */
export function headOperations(ctx: StatementContext, st: StatementTokens, head: Exclude<HeadClass, { kind: "modelled" | "invalid" }>): Operation[] {
  switch (head.kind) {
    case "harmless":
      return [];
    case "unknown":
      return [{ range: ctx.range, kind: "unknown", reason: head.reason }];
    case "data": {
      let at = head.at + 1;
      if (wordAt(st, head.at) === "LOAD") while (at < st.tokens.length && wordAt(st, at - 1) !== "TABLE") at++;
      while (BEFORE_TABLE.has(wordAt(st, at) ?? "")) at++;
      const table = readQualifiedName(st, at);
      if (!table) return [{ range: ctx.range, kind: "data_change", statement: head.statement }];
      return [{ range: ctx.range, nameRange: ctx.at(ctx.base + table.start, ctx.base + table.end), kind: "data_change", statement: head.statement, table: table.name }];
    }
  }
}

/**
 * CREATE [OR REPLACE] [TEMP] [MATERIALIZED | RECURSIVE] VIEW [IF NOT EXISTS] name … whose query
 * the parser does not read: the query is not modelled, so the view is still created. Undefined
 * for any other statement.
 */
export function viewFromTokens(ctx: StatementContext, st: StatementTokens): Operation[] | undefined {
  if (wordAt(st, 0) !== "CREATE") return undefined;
  let at = 1;
  const modifiers = new Set<string>();
  while (at < st.tokens.length && wordAt(st, at) !== "VIEW") {
    const word = wordAt(st, at);
    if (!word || !VIEW_MODIFIERS.has(word)) return undefined;
    modifiers.add(word);
    at++;
  }
  if (wordAt(st, at) !== "VIEW") return undefined;
  if (modifiers.has("TEMP") || modifiers.has("TEMPORARY")) return [];
  at++;
  const guarded = wordAt(st, at) === "IF" && wordAt(st, at + 1) === "NOT" && wordAt(st, at + 2) === "EXISTS";
  const name = readQualifiedName(st, guarded ? at + 3 : at);
  if (!name) return undefined;
  return [
    {
      range: ctx.range,
      nameRange: ctx.at(ctx.base + name.start, ctx.base + name.end),
      ...(guarded ? { guarded: true } : {}),
      kind: "create_view",
      view: name.name,
      orReplace: modifiers.has("REPLACE"),
    },
  ];
}

const VIEW_MODIFIERS = new Set(["OR", "REPLACE", "TEMP", "TEMPORARY", "MATERIALIZED", "RECURSIVE"]);

/**
 * CREATE [OR REPLACE] FUNCTION name(…) … whose body or clauses the parser does not read (a SQL-standard
 * `RETURN expr` body): the function is still created, kept as written. Undefined for any other statement.
 */
export function functionFromTokens(ctx: StatementContext, st: StatementTokens, text: string): Operation[] | undefined {
  if (wordAt(st, 0) !== "CREATE") return undefined;
  const orReplace = wordAt(st, 1) === "OR" && wordAt(st, 2) === "REPLACE";
  const at = orReplace ? 3 : 1;
  if (wordAt(st, at) !== "FUNCTION") return undefined;
  // One statement only: a goose StatementBegin … End block may hold a whole file of them.
  const code = st.tokens.filter((t) => t.kind !== "comment");
  if (code.some((t, i) => i < code.length - 1 && t.kind === "punct" && st.text[t.start] === ";")) return undefined;
  const name = readQualifiedName(st, at + 1);
  if (!name) return undefined;
  return [{ range: ctx.range, nameRange: ctx.at(ctx.base + name.start, ctx.base + name.end), kind: "create_function", function: name.name, sql: compactSql(text, 0, text.length, ctx.dialect), orReplace }];
}
