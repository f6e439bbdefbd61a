import { keywordOf, lexSql } from "./lexer";
import { isPunct, statementTokens, wordAt, type StatementTokens } from "./tokens";

const HEADS = new Set(["VACUUM", "REINDEX", "CLUSTER", "DISCARD", "COMMIT", "ROLLBACK", "CREATE", "DROP", "ALTER"]);

/** refusedInTransaction for a PostgreSQL statement's text; only statements with a head it knows are read whole. */
export function refusedInTransactionText(text: string): string | undefined {
  const first = lexSql(text.slice(0, 40), "postgresql").find((t) => t.kind !== "comment");
  if (!HEADS.has(keywordOf(text, first) ?? "")) return undefined;
  return refusedInTransaction(statementTokens(text, "postgresql"));
}

/**
 * The command PostgreSQL refuses inside a transaction block ("… cannot run inside a transaction
 * block", its PreventInTransactionBlock), named as its error names it; undefined for any other
 * statement. Only what is refused whatever the data: a DROP SUBSCRIPTION (refused only when the
 * subscription has a slot) or ALTER TYPE … ADD VALUE (refused only before PostgreSQL 12) is not.
 */
export function refusedInTransaction(st: StatementTokens): string | undefined {
  const word = (i: number): string | undefined => wordAt(st, i);
  switch (word(0)) {
    case "VACUUM":
      return "VACUUM";
    case "REINDEX":
      if (hasWord(st, "CONCURRENTLY")) return "REINDEX CONCURRENTLY";
      for (const kind of ["DATABASE", "SYSTEM", "SCHEMA"]) if (word(afterOptions(st, 1)) === kind) return `REINDEX ${kind}`;
      return undefined;
    case "CLUSTER": {
      // Only CLUSTER of the whole database (no table named) is refused.
      let at = afterOptions(st, 1);
      if (word(at) === "VERBOSE") at++;
      return at >= st.tokens.length ? "CLUSTER" : undefined;
    }
    case "DISCARD":
      return word(1) === "ALL" ? "DISCARD ALL" : undefined;
    case "COMMIT":
    case "ROLLBACK":
      return word(1) === "PREPARED" ? `${word(0)} PREPARED` : undefined;
    case "CREATE":
    case "DROP":
      return createOrDrop(st);
    case "ALTER":
      return alter(st);
    default:
      return undefined;
  }
}

function createOrDrop(st: StatementTokens): string | undefined {
  const head = wordAt(st, 0);
  const kind = wordAt(st, 1);
  if (kind === "DATABASE" || kind === "TABLESPACE") return `${head} ${kind}`;
  const index = kind === "UNIQUE" ? 2 : 1;
  if (wordAt(st, index) === "INDEX" && wordAt(st, index + 1) === "CONCURRENTLY") return `${head} INDEX CONCURRENTLY`;
  // CREATE SUBSCRIPTION creates its replication slot unless told not to (WITH (…)).
  if (head === "CREATE" && kind === "SUBSCRIPTION" && !hasWord(st, "WITH")) return "CREATE SUBSCRIPTION";
  return undefined;
}

function alter(st: StatementTokens): string | undefined {
  const kind = wordAt(st, 1);
  if (kind === "SYSTEM") return "ALTER SYSTEM";
  if (kind === "DATABASE" && hasWord(st, "TABLESPACE") && hasWord(st, "SET")) return "ALTER DATABASE SET TABLESPACE";
  if (kind === "TABLE" && hasWord(st, "DETACH") && hasWord(st, "CONCURRENTLY")) return "ALTER TABLE ... DETACH CONCURRENTLY";
  return undefined;
}

/** The token after a parenthesized option list (`REINDEX (VERBOSE) DATABASE`), or `at` itself. */
function afterOptions(st: StatementTokens, at: number): number {
  if (!isPunct(st, at, "(")) return at;
  let depth = 0;
  for (let i = at; i < st.tokens.length; i++) {
    if (isPunct(st, i, "(")) depth++;
    else if (isPunct(st, i, ")") && --depth === 0) return i + 1;
  }
  return st.tokens.length;
}

function hasWord(st: StatementTokens, word: string): boolean {
  return st.tokens.some((_, i) => wordAt(st, i) === word);
}
