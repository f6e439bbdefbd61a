import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { RevisionFile } from "../alembic/revisionFile";
import type { Range } from "../model/positions";
import type { Operation } from "../schema/operations";
import { splitSqlStatements } from "../sql/splitStatements";
import { migrationSections } from "../sql/upDownSections";
import { LineIndex } from "../text/lineIndex";
import { keywordOf, lexSql } from "../sql/lexer";
import { maskTemplates } from "../sql/templates";

/** One statement `verify` sends to PostgreSQL, and where it is written. */
export interface ScriptStatement {
  readonly sql: string;
  readonly file: string;
  readonly range: Range;
  /** Where a character of `sql` (0-based) is in the file: PostgreSQL's error position points into it. */
  readonly at: (offset: number) => Range;
}

/** What `verify` cannot send as written, and why: listed as not verified, never guessed. */
export interface NotVerifiable {
  readonly file: string;
  readonly range: Range;
  readonly reason: string;
  /** The tables it changes (`schema.table`), when known: the replay and PostgreSQL may differ there. */
  readonly tables?: readonly string[];
  /** False for data statements: the schema PostgreSQL has is still the one the migrations make. */
  readonly changesSchema?: false;
}

export interface RevisionScript {
  readonly statements: readonly ScriptStatement[];
  readonly notVerifiable: readonly NotVerifiable[];
}

/** A SQL migration's upgrade: its up section (or whole file), statement by statement, as written. */
export function sqlUpgradeScript(file: RevisionFile): RevisionScript {
  return statementsOf(file.path, file.text, migrationSections(file.text).up, file.upgrade?.operations ?? []);
}

/** A SQL migration's downgrade: its down section, or the `.down.sql` beside it (read through `read`). */
export function sqlDowngradeScript(file: RevisionFile, read: (path: string) => string | undefined): RevisionScript | undefined {
  const sections = migrationSections(file.text);
  if (sections.down) return statementsOf(file.path, file.text, sections.down);
  const downFile = file.downgrade?.present ? file.downgrade.file : undefined;
  if (!downFile || downFile === file.path) return undefined;
  const text = read(downFile);
  return text === undefined ? undefined : statementsOf(downFile, text, { start: 0, end: text.length });
}

function statementsOf(path: string, text: string, span: { start: number; end: number }, operations: readonly Operation[] = []): RevisionScript {
  const lines = new LineIndex(text);
  const statements: ScriptStatement[] = [];
  const notVerifiable: NotVerifiable[] = [];
  for (const statement of splitSqlStatements(text.slice(span.start, span.end), "postgresql")) {
    const start = span.start + statement.start;
    const range = lines.range(start, span.start + statement.end);
    // The tool fills Go-template placeholders (pop, fizz) at run time: the text is not the SQL that runs.
    if (maskTemplates(statement.text, "postgresql") !== statement.text) {
      // What the statement's operations name is not what runs: PostgreSQL and the replay may differ there.
      const tables = operations.filter((op) => op.range.start.line >= range.start.line && op.range.start.line <= range.end.line).flatMap((op) => ("table" in op && op.table ? [`${op.table.schema ?? "public"}.${op.table.name}`] : []));
      notVerifiable.push({ file: path, range, reason: "it holds template placeholders (`{{ … }}`) the migration tool fills at run time", tables });
    }
    else statements.push({ sql: statement.text, file: path, range, at: (offset) => lines.range(start + offset, start + offset) });
  }
  return { statements, notVerifiable };
}

/** Whether `verify` can run the set: a PostgreSQL history (or one that does not say), SQL or Alembic. */
export function unverifiableSet(set: AnalyzedSet): string | undefined {
  if (set.spec.sql?.unsupported) return `written for ${set.spec.sql.unsupported}`;
  const dialect = set.spec.sql?.dialect ?? set.spec.dialect;
  if (dialect && dialect !== "postgresql") return `written for ${dialect === "mysql" ? "MySQL" : dialect === "sqlite" ? "SQLite" : dialect}`;
  return undefined;
}

const TRANSACTION_CONTROL = new Set(["BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE"]);

/** A statement that opens or ends a transaction itself (`BEGIN;`, `COMMIT;`): verify's own transactions cannot hold it. */
export function controlsTransaction(sql: string): boolean {
  const first = lexSql(sql, "postgresql").find((token) => token.kind !== "comment");
  const word = keywordOf(sql, first);
  return word !== undefined && TRANSACTION_CONTROL.has(word);
}
