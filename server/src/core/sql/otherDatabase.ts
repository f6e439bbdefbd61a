import { isName, isPunct, statementTokens, wordAt, type StatementTokens } from "./tokens";

/** SQL that only one other database accepts, found in a migration: which database, and where. */
export interface OtherDatabaseMarker {
  readonly database: "ClickHouse" | "CockroachDB";
  /** Offsets of the marker in the text. */
  readonly start: number;
  readonly end: number;
  /** The words that show it, as written. */
  readonly written: string;
}

/**
 * The first construct in a migration's text that PostgreSQL, MySQL and SQLite all refuse but
 * ClickHouse or CockroachDB takes: a MergeTree engine clause, `ON CLUSTER` after a table name,
 * `LowCardinality(…)`; CockroachDB's `ALTER PRIMARY KEY`, `INTERLEAVE IN PARENT`, `INVERTED
 * INDEX`, `UPSERT INTO`, `table@index`. Only constructs no typo of ours makes: a misspelt
 * PostgreSQL statement never looks like one. Read with the project's lexer (strings and comments
 * are never looked into).
 */
export function otherDatabaseMarker(text: string): OtherDatabaseMarker | undefined {
  // Backslash escapes in strings, as ClickHouse and MySQL write them.
  const st = statementTokens(text, "mysql");
  for (let i = 0; i < st.tokens.length; i++) {
    const found = clickHouseAt(st, i) ?? cockroachAt(st, i);
    if (found) {
      const start = st.tokens[i]!.start;
      const end = st.tokens[found.last]!.end;
      return { database: found.database, start, end, written: text.slice(start, end) };
    }
  }
  return undefined;
}

interface Found {
  readonly database: OtherDatabaseMarker["database"];
  /** Index of the marker's last token. */
  readonly last: number;
}

function clickHouseAt(st: StatementTokens, i: number): Found | undefined {
  const word = wordAt(st, i);
  // ENGINE = MergeTree / ReplicatedReplacingMergeTree(…) / Distributed(…): MySQL's engines are never these.
  if (word === "ENGINE") {
    const at = isPunct(st, i + 1, "=") ? i + 2 : i + 1;
    const engine = wordAt(st, at);
    if (engine !== undefined && (engine.endsWith("MERGETREE") || engine === "DISTRIBUTED")) return { database: "ClickHouse", last: at };
  }
  if (word === "LOWCARDINALITY" && isPunct(st, i + 1, "(")) return { database: "ClickHouse", last: i + 1 };
  // `TABLE name ON CLUSTER`: in our dialects nothing follows a table's name with ON.
  if (word === "ON" && wordAt(st, i + 1) === "CLUSTER" && afterObjectName(st, i)) return { database: "ClickHouse", last: i + 1 };
  return undefined;
}

function cockroachAt(st: StatementTokens, i: number): Found | undefined {
  const word = wordAt(st, i);
  const next = wordAt(st, i + 1);
  if (word === "ALTER" && next === "PRIMARY" && wordAt(st, i + 2) === "KEY") return { database: "CockroachDB", last: i + 2 };
  if (word === "INTERLEAVE" && next === "IN" && wordAt(st, i + 2) === "PARENT") return { database: "CockroachDB", last: i + 2 };
  if (word === "INVERTED" && next === "INDEX") return { database: "CockroachDB", last: i + 1 };
  if (word === "UPSERT" && next === "INTO") return { database: "CockroachDB", last: i + 1 };
  // DROP INDEX users@users_email_idx: the table, `@` and the index written together.
  if (isName(st, i) && isPunct(st, i + 1, "@") && isName(st, i + 2) && touching(st, i, i + 1) && touching(st, i + 1, i + 2) && [1, 2, 3, 4].some((back) => wordAt(st, i - back) === "INDEX")) {
    return { database: "CockroachDB", last: i + 2 };
  }
  return undefined;
}

/** Token `i` follows `TABLE|DATABASE|VIEW|DICTIONARY [IF [NOT] EXISTS] name[.name]`. */
function afterObjectName(st: StatementTokens, i: number): boolean {
  let at = i - 1;
  if (!isName(st, at)) return false;
  if (isPunct(st, at - 1, ".") && isName(st, at - 2)) at -= 2;
  at--;
  if (wordAt(st, at) === "EXISTS") at -= wordAt(st, at - 1) === "NOT" ? 3 : 2;
  return ["TABLE", "DATABASE", "VIEW", "DICTIONARY"].includes(wordAt(st, at) ?? "");
}

function touching(st: StatementTokens, a: number, b: number): boolean {
  return st.tokens[a]!.end === st.tokens[b]!.start;
}
