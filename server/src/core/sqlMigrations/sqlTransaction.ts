import type { MigrationSetSpec } from "../discovery/migrationSet";
import type { RevisionFile } from "../alembic/revisionFile";
import { migrationSections, type TextSpan } from "../sql/upDownSections";
import { splitSqlStatements, type SqlStatement } from "../sql/splitStatements";
import { statementTokens, wordAt, type StatementTokens } from "../sql/tokens";

/**
 * How the tool that runs a SQL migration sends its upgrade to PostgreSQL, as far as a statement
 * refused inside a transaction block is concerned:
 * - `transaction`: inside a transaction the tool opens (goose, sql-migrate and dbmate by default;
 *   Flyway unless its parser saw a statement it runs outside one);
 * - `one-script`: the whole text in one simple query, which PostgreSQL runs as one implicit
 *   transaction when it holds more than one statement (golang-migrate's postgres driver without
 *   x-multi-statement; dbmate with `transaction:false`; Prisma before 7, as package.json declares it).
 * Undefined when the statements run on their own, or the runner is not known: nothing is claimed.
 */
export type SqlRunner =
  | { readonly kind: "transaction"; readonly tool: "goose" | "sql-migrate" | "dbmate" | "flyway"; readonly up: TextSpan }
  | { readonly kind: "one-script"; readonly tool: "golang-migrate" | "dbmate" | "prisma"; readonly up: TextSpan; readonly declared?: string };

export interface SqlUpgrade {
  readonly runner: SqlRunner | undefined;
  /** The upgrade's statements (offsets in the file's text). */
  readonly statements: readonly SqlStatement[];
}

export function sqlUpgrade(spec: MigrationSetSpec, file: RevisionFile): SqlUpgrade {
  const sections = migrationSections(file.text);
  const up = sections.up;
  const statements = splitSqlStatements(file.text.slice(up.start, up.end), "postgresql").map((s) => ({ ...s, start: s.start + up.start, end: s.end + up.start }));
  return { runner: runner(spec, file, up, sections.format, statements), statements };
}

function runner(spec: MigrationSetSpec, file: RevisionFile, up: TextSpan, format: string | undefined, statements: readonly SqlStatement[]): SqlRunner | undefined {
  if (format === "goose") return annotated(file.text, "-- +goose no transaction") ? undefined : { kind: "transaction", tool: "goose", up };
  if (format === "sql-migrate") return markerOptions(file.text, up).includes("notransaction") ? undefined : { kind: "transaction", tool: "sql-migrate", up };
  if (format === "dbmate") return { kind: markerOptions(file.text, up).includes("transaction:false") ? "one-script" : "transaction", tool: "dbmate", up };
  if (spec.kind === "flyway") {
    const migration = spec.sql?.migrations.find((m) => m.file === file.path);
    if (migration?.scriptConfig?.executeInTransaction === false) return undefined;
    // Flyway runs a script holding a statement its parser knows as non-transactional outside a
    // transaction (or refuses it when other statements are mixed in, unless `mixed` is set).
    if (statements.some((s) => flywayRunsOutsideTransaction(statementTokens(s.text, "postgresql")))) return undefined;
    return { kind: "transaction", tool: "flyway", up };
  }
  // Prisma 7.4 and later run a migration's statements one by one: only a declared older Prisma is judged.
  if (spec.kind === "prisma") return spec.sql?.prismaBefore7 ? { kind: "one-script", tool: "prisma", up, declared: spec.sql.prismaBefore7 } : undefined;
  // pop (a file for one database) and its `.autocommit` files run otherwise: not judged.
  if (spec.kind === "golang-migrate" && !spec.sql?.variant && !file.path.includes(".autocommit.")) return { kind: "one-script", tool: "golang-migrate", up };
  return undefined;
}

/** goose annotations: a comment line of their own, no leading space, any case. */
function annotated(text: string, annotation: string): boolean {
  return text.split(/\r?\n/).some((line) => line.trimEnd().toLowerCase() === annotation);
}

/** The words after the up marker on its line (`-- migrate:up transaction:false`, `-- +migrate Up notransaction`), lower case. */
function markerOptions(text: string, up: TextSpan): string[] {
  const markerLine = text.slice(0, up.start).replace(/\r?\n$/, "");
  const line = markerLine.slice(markerLine.lastIndexOf("\n") + 1).trim().toLowerCase();
  return line.split(/\s+/).slice(2);
}

/**
 * Flyway's PostgreSQL parser's list of statements it runs outside a transaction: CREATE / DROP
 * DATABASE, TABLESPACE or SUBSCRIPTION, ALTER SYSTEM, CREATE [UNIQUE] / DROP INDEX CONCURRENTLY,
 * REINDEX [VERBOSE] SCHEMA / DATABASE / SYSTEM, VACUUM, DISCARD ALL (and ALTER TYPE … ADD VALUE
 * before PostgreSQL 12, which the analysis cannot tell: not counted).
 */
export function flywayRunsOutsideTransaction(st: StatementTokens): boolean {
  const word = (i: number): string | undefined => wordAt(st, i);
  const head = word(0);
  if (head === "CREATE" || head === "DROP") {
    if (["DATABASE", "TABLESPACE", "SUBSCRIPTION"].includes(word(1) ?? "")) return true;
    const index = word(1) === "UNIQUE" ? 2 : 1;
    return word(index) === "INDEX" && word(index + 1) === "CONCURRENTLY";
  }
  if (head === "REINDEX") return ["SCHEMA", "DATABASE", "SYSTEM"].includes(word(word(1) === "VERBOSE" ? 2 : 1) ?? "");
  return (head === "ALTER" && word(1) === "SYSTEM") || head === "VACUUM" || (head === "DISCARD" && word(1) === "ALL");
}

/** The BEGIN / START TRANSACTION among the statements before `index` that no COMMIT, END or ROLLBACK closed since. */
export function openTransactionBefore(statements: readonly SqlStatement[], index: number): SqlStatement | undefined {
  let open: SqlStatement | undefined;
  for (const statement of statements.slice(0, index)) {
    const st = statementTokens(statement.text, "postgresql");
    const head = wordAt(st, 0);
    if (head === "BEGIN" || (head === "START" && wordAt(st, 1) === "TRANSACTION")) open = statement;
    else if ((head === "COMMIT" || head === "END" || head === "ROLLBACK" || head === "ABORT") && !["PREPARED", "TO"].includes(wordAt(st, 1) ?? "")) open = undefined;
  }
  return open;
}
