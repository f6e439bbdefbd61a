import { isPunct, wordAt, type StatementTokens } from "./tokens";

/**
 * What a statement the parser refused is, from its leading words. sql-parser-cst does not know
 * every valid command (LOCK, VACUUM, COPY, CREATE STATISTICS, MySQL's ALTER TABLE … MODIFY …),
 * so a refusal is a syntax error only for a statement we model, after repairs, or for one whose
 * head is no SQL command at all.
 */
export type HeadClass =
  | { readonly kind: "harmless" }
  | { readonly kind: "unknown"; readonly reason: string }
  /** `at`: the token of the writing command (INSERT, UPDATE …), after any WITH. */
  | { readonly kind: "data"; readonly statement: "insert" | "update" | "delete"; readonly at: number }
  | { readonly kind: "modelled" }
  | { readonly kind: "invalid" };

/** Commands that change no table, column, index, type or view. */
const HARMLESS_HEADS = new Set([
  "LOCK", "UNLOCK", "VACUUM", "CHECKPOINT", "DISCARD", "LISTEN", "UNLISTEN", "NOTIFY", "CLUSTER", "SET", "RESET", "SHOW", "USE",
  "FLUSH", "OPTIMIZE", "REPAIR", "CHECK", "CHECKSUM", "PRAGMA", "ANALYZE", "ANALYSE", "EXPLAIN", "DESCRIBE", "DESC", "BEGIN", "START",
  "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "PREPARE", "DEALLOCATE", "GRANT", "REVOKE", "COMMENT", "SECURITY",
  "SELECT", "VALUES", "TABLE", "DECLARE", "FETCH", "CLOSE", "MOVE", "KILL", "HANDLER", "HELP", "CACHE", "PURGE", "REASSIGN",
  "REFRESH", "REINDEX", "XA", "INSTALL", "UNINSTALL", "SIGNAL", "RESIGNAL", "GET", "WAIT",
]);

/** Commands that run code the analysis does not read. */
const CODE_HEADS = new Set(["DO", "CALL", "EXEC", "EXECUTE", "IMPORT"]);

const DATA_HEADS: Record<string, "insert" | "update" | "delete"> = {
  INSERT: "insert", REPLACE: "insert", UPSERT: "insert", UPDATE: "update", MERGE: "update", DELETE: "delete", TRUNCATE: "delete",
};

/** Object kinds after CREATE / ALTER / DROP that the operations model. */
const MODELLED_KINDS = new Set(["TABLE", "INDEX", "VIEW", "TYPE"]);
/** Object kinds that exist but change nothing the model follows. */
const HARMLESS_KINDS = new Set([
  "ROLE", "USER", "GROUP", "POLICY", "PUBLICATION", "SUBSCRIPTION", "TABLESPACE", "SYSTEM", "DEFAULT", "LARGE", "SERVER", "STATISTICS",
  "COLLATION", "TEXT", "LOGFILE", "RESOURCE", "INSTANCE", "DATABASE",
]);
/** Object kinds that exist and change things the model does not follow. */
const UNMODELLED_KINDS = new Set([
  "FUNCTION", "PROCEDURE", "TRIGGER", "EVENT", "SEQUENCE", "EXTENSION", "SCHEMA", "DOMAIN", "CAST", "OPERATOR", "AGGREGATE", "RULE",
  "CONVERSION", "LANGUAGE", "ACCESS", "TRANSFORM", "ROUTINE", "FOREIGN", "OWNED", "PACKAGE", "SYNONYM",
]);

export function classifyHead(st: StatementTokens): HeadClass {
  const head = wordAt(st, 0);
  if (head === undefined) return { kind: "invalid" };
  if (HARMLESS_HEADS.has(head)) return { kind: "harmless" };
  if (CODE_HEADS.has(head)) return { kind: "unknown", reason: `${head} is not modelled: the code it runs is not read` };
  const data = DATA_HEADS[head];
  if (data) return { kind: "data", statement: data, at: 0 };
  if (head === "COPY") return hasWord(st, "FROM") ? { kind: "data", statement: "insert", at: 0 } : { kind: "harmless" };
  if (head === "LOAD") return wordAt(st, 1) === "DATA" || wordAt(st, 1) === "XML" ? { kind: "data", statement: "insert", at: 0 } : { kind: "harmless" };
  if (head === "WITH") return dataUnderWith(st);
  if (head === "RENAME") return wordAt(st, 1) === "TABLE" ? { kind: "modelled" } : { kind: "harmless" };
  if (head === "CREATE" || head === "ALTER" || head === "DROP") return classifyDdl(st, head);
  return { kind: "invalid" };
}

/** The object kind is the first known kind word before any parenthesis (MySQL's DEFINER=… and OR REPLACE come before it). */
function classifyDdl(st: StatementTokens, head: string): HeadClass {
  for (let i = 1; i < Math.min(st.tokens.length, 12) && !isPunct(st, i, "("); i++) {
    const word = wordAt(st, i);
    if (word === undefined) continue;
    if (word === "FOREIGN" && wordAt(st, i + 1) === "TABLE") return { kind: "modelled" };
    if (word === "TYPE") return classifyType(st, head, i);
    if (MODELLED_KINDS.has(word)) return { kind: "modelled" };
    if (head === "DROP" && (word === "DATABASE" || word === "SCHEMA" || word === "OWNED")) {
      return { kind: "unknown", reason: `DROP ${word} is not modelled: it drops everything it holds` };
    }
    if (HARMLESS_KINDS.has(word)) return { kind: "harmless" };
    if (UNMODELLED_KINDS.has(word)) return { kind: "unknown", reason: `${head} ${word} is not modelled` };
  }
  return { kind: "invalid" };
}

/** Enums are modelled; composite, range and base types are not. */
function classifyType(st: StatementTokens, head: string, at: number): HeadClass {
  if (head === "DROP") return { kind: "modelled" };
  if (head === "CREATE") return hasWord(st, "ENUM") ? { kind: "modelled" } : { kind: "unknown", reason: "CREATE TYPE other than AS ENUM is not modelled" };
  for (let i = at + 1; i < st.tokens.length; i++) if (wordAt(st, i) === "ADD" && wordAt(st, i + 1) === "VALUE") return { kind: "modelled" };
  return { kind: "unknown", reason: "this ALTER TYPE is not modelled" };
}

/** WITH … INSERT / UPDATE / DELETE outside the CTEs' parentheses writes data; a plain WITH … SELECT reads. */
function dataUnderWith(st: StatementTokens): HeadClass {
  let depth = 0;
  for (let i = 1; i < st.tokens.length; i++) {
    if (isPunct(st, i, "(")) depth++;
    else if (isPunct(st, i, ")")) depth--;
    const data = depth === 0 ? DATA_HEADS[wordAt(st, i) ?? ""] : undefined;
    if (data) return { kind: "data", statement: data, at: i };
  }
  return { kind: "harmless" };
}

function hasWord(st: StatementTokens, word: string): boolean {
  return st.tokens.some((_, i) => wordAt(st, i) === word);
}
