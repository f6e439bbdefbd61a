/**
 * A throwaway PostgreSQL database that `verify` runs migrations on: PGlite embedded in the
 * process, or a server the user names. The core sees only this; the Node side opens it.
 */
export interface VerifyDatabase {
  /** Runs one statement; rejects with an error carrying PostgreSQL's message (see `databaseError`). */
  exec(sql: string): Promise<void>;
  query<Row>(sql: string): Promise<Row[]>;
}

export interface VerifyDatabases {
  /** What the databases are, for the report ("PGlite 0.5 (PostgreSQL 17)"). */
  readonly description: string;
  /**
   * A database to run a set on (it may hold what an earlier set left: the caller empties it).
   * `extensions` are the ones the migrations create: an embedded database loads those it ships
   * and answers the rest as not available.
   */
  open(extensions: readonly string[]): Promise<{ database: VerifyDatabase; unavailable: readonly string[] }>;
  /** Closes what `open` opened. */
  dispose(): Promise<void>;
}

/** PostgreSQL's error as a driver reports it: its message, and where in the statement (1-based). */
export interface DatabaseError {
  readonly message: string;
  readonly position?: number;
}

export function databaseError(error: unknown): DatabaseError {
  if (error && typeof error === "object" && "message" in error) {
    const { message, position } = error as { message: unknown; position?: unknown };
    const at = typeof position === "string" || typeof position === "number" ? Number(position) : NaN;
    return { message: String(message), ...(Number.isFinite(at) && at > 0 ? { position: at } : {}) };
  }
  return { message: String(error) };
}

// Every schema of the migrations' (public included) dropped with what is in it: an empty database again.
export const EMPTY_DATABASE = `DO $$ DECLARE s record; BEGIN
  FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', s.nspname);
  END LOOP;
  CREATE SCHEMA public;
END $$`;
