import { loadModule, parseSync } from "libpg-query";
import type { SqlDialect } from "../core/schema/sqlContract";
import type { SqlJudge, SqlVerdict } from "../core/sql/sqlJudge";

/**
 * The databases' own parsers judge the statements the analysis could not parse: PostgreSQL's
 * (libpg_query) and SQLite's (sql.js: a statement is prepared on an empty in-memory database,
 * never run; "no such table" is not a syntax error). No MySQL parser is available here. Each is
 * loaded once per process, when first asked for: SQLite's alone holds about 30 MB, which a
 * workspace of PostgreSQL migrations never needs.
 */
export async function loadSqlJudge(dialects: Iterable<SqlDialect> = ["postgresql", "sqlite"]): Promise<SqlJudge> {
  const judge = deferredSqlJudge();
  await judge.ready(dialects);
  return judge;
}

/**
 * A judge to hand out before the parsers are loaded: PostgreSQL's starts loading at once (most
 * migrations are written for it); await `ready` with the dialects of the sets before an analysis.
 * Until a dialect's parser is loaded, its statements are "unknown", a verdict never remembered.
 */
export function deferredSqlJudge(): SqlJudge & { ready(dialects: Iterable<SqlDialect>): Promise<void> } {
  void parserOf("postgresql");
  return {
    ready: async (dialects) => void (await Promise.all([...new Set(dialects)].map(parserOf))),
    judge: (statement, dialect) => {
      const parser = loaded.get(dialect);
      if (parser === undefined) return { kind: "unknown", why: "the database parsers are still loading", transient: true };
      return typeof parser === "string" ? { kind: "unknown", why: parser } : parser(statement);
    },
  };
}

type Parser = (statement: string) => SqlVerdict;

/** Each dialect's parser once loaded, or why it could not be. */
const loaded = new Map<SqlDialect, Parser | string>();
const loading = new Map<SqlDialect, Promise<void>>();

function parserOf(dialect: SqlDialect): Promise<void> {
  let started = loading.get(dialect);
  if (!started) {
    started = loadParser(dialect).then((parser) => void loaded.set(dialect, parser));
    loading.set(dialect, started);
  }
  return started;
}

async function loadParser(dialect: SqlDialect): Promise<Parser | string> {
  if (dialect === "postgresql") {
    return loadModule().then(
      (): Parser => judgePostgres,
      (error: unknown) => `PostgreSQL's parser could not be loaded (${message(error)})`,
    );
  }
  if (dialect === "sqlite") {
    // The build with its WebAssembly inline: nothing to ship beside the bundle.
    const { default: initSqlJs } = await import("sql.js/dist/sql-wasm-inline.js");
    return initSqlJs().then(
      (SQL: { Database: new () => SqliteDatabase }): Parser => {
        const database = new SQL.Database();
        return (statement) => judgeSqlite(database, statement);
      },
      (error: unknown) => `SQLite's parser could not be loaded (${message(error)})`,
    );
  }
  return "no MySQL parser is available here to judge it";
}

interface SqliteDatabase {
  prepare(sql: string): { free(): void };
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
