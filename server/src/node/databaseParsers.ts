import { loadModule, parseSync } from "libpg-query";
// The build with its WebAssembly inline: nothing to ship beside the bundle.
import initSqlJs from "sql.js/dist/sql-wasm-inline.js";
import type { SqlDialect } from "../core/schema/sqlContract";
import type { SqlJudge, SqlVerdict } from "../core/sql/sqlJudge";

/**
 * The databases' own parsers judge the statements the analysis could not parse: PostgreSQL's
 * (libpg_query) and SQLite's (sql.js: a statement is prepared on an empty in-memory database,
 * never run; "no such table" is not a syntax error). No MySQL parser is available here.
 */
export function loadSqlJudge(): Promise<SqlJudge> {
  return (loading ??= load());
}

/** A judge to hand out before the parsers are loaded: await `ready` before the first analysis. */
export function deferredSqlJudge(): SqlJudge & { readonly ready: Promise<void> } {
  let loaded: SqlJudge | undefined;
  const ready = loadSqlJudge().then((judge) => {
    loaded = judge;
  });
  return { ready, judge: (statement, dialect) => loaded?.judge(statement, dialect) ?? { kind: "unknown", why: "the database parsers are still loading" } };
}

/** Loaded once per process, on first use. */
let loading: Promise<SqlJudge> | undefined;

interface SqliteDatabase {
  prepare(sql: string): { free(): void };
}

async function load(): Promise<SqlJudge> {
  const postgres = await loadModule().then(
    () => undefined,
    (error: unknown) => `PostgreSQL's parser could not be loaded (${message(error)})`,
  );
  const sqlite: SqliteDatabase | string = await initSqlJs().then(
    (SQL: { Database: new () => SqliteDatabase }) => new SQL.Database(),
    (error: unknown) => `SQLite's parser could not be loaded (${message(error)})`,
  );
  return {
    judge(statement: string, dialect: SqlDialect): SqlVerdict {
      if (dialect === "postgresql") return postgres ? { kind: "unknown", why: postgres } : judgePostgres(statement);
      if (dialect === "sqlite") return typeof sqlite === "string" ? { kind: "unknown", why: sqlite } : judgeSqlite(sqlite, statement);
      return { kind: "unknown", why: "no MySQL parser is available here to judge it" };
    },
  };
}

function judgePostgres(statement: string): SqlVerdict {
  try {
    parseSync(statement);
    return { kind: "accepted" };
  } catch (error) {
    const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    return { kind: "rejected", message: details?.message ?? message(error), ...(details?.cursorPosition !== undefined ? { offset: details.cursorPosition } : {}) };
  }
}

/** SQLite says "near …: syntax error", "incomplete input" or "unrecognized token" of syntax; anything else is about the (empty) database. */
function judgeSqlite(database: SqliteDatabase, statement: string): SqlVerdict {
  try {
    database.prepare(statement).free();
    return { kind: "accepted" };
  } catch (error) {
    const text = message(error);
    return /syntax error|incomplete input|unrecognized token/.test(text) ? { kind: "rejected", message: text } : { kind: "accepted" };
  }
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}
