import type { RevisionFile } from "../alembic/revisionFile";
import { FILE_START, type Range } from "../model/positions";
import type { OperationBlock } from "../schema/operations";
import type { SqlDialect } from "../schema/sqlContract";
import { sqlToOperations } from "../sql/sqlToOperations";
import { migrationSections, type TextSpan } from "../sql/upDownSections";
import { LineIndex } from "../text/lineIndex";
import { readSqlSuppressions } from "./sqlSuppressions";
import { otherDatabaseMarker } from "../sql/otherDatabase";

export interface SqlMigrationInput {
  readonly id: string;
  readonly name: string;
  /** The version part of the name, when it has one (see SqlMigrationSpec). */
  readonly version?: string;
  readonly file: string;
  readonly text: string;
  /** The migration applied just before this one; the graph of a SQL folder is its version order. */
  readonly previous: string | undefined;
  readonly down: { readonly file: string; readonly text: string | undefined } | undefined;
  readonly dialect: SqlDialect;
  /** A database the analysis cannot read: the statements are not read at all. */
  readonly unsupported?: string;
  /** Why the file could not be read as text (it holds a NUL byte): it keeps its place in the order, its statements unknown. */
  readonly notText?: string;
}

/**
 * A SQL migration as the rest of the analysis sees a revision: its version is the id, the
 * migration before it the parent, its statements the upgrade (and the .down.sql, or a goose /
 * dbmate down section, the downgrade).
 */
export function readSqlMigration(input: SqlMigrationInput): RevisionFile {
  const lines = new LineIndex(input.text);
  const sections = migrationSections(input.text);
  const at = (index: LineIndex) => (from: number, to: number): Range => index.range(from, to);
  const upgrade = input.notText
    ? { present: true, operations: [{ kind: "unknown" as const, reason: input.notText, range: FILE_START }], problems: [], file: input.file, range: FILE_START }
    : block(input.text, sections.up, input.dialect, at(lines), input.file, input.unsupported);
  let downgrade: OperationBlock = { present: false, operations: [], problems: [], file: input.down?.file };
  if (sections.down) downgrade = block(input.text, sections.down, input.dialect, at(lines), input.file, input.unsupported);
  else if (input.down?.text !== undefined) {
    const downLines = new LineIndex(input.down.text);
    downgrade = block(input.down.text, { start: 0, end: input.down.text.length }, input.dialect, at(downLines), input.down.file, input.unsupported);
  }
  const first = lines.range(0, lines.lineText(0).length);
  const marker = input.unsupported ? undefined : otherDatabaseMarker(input.text);
  return {
    path: input.file,
    text: input.text,
    lines,
    revision: { id: input.id, range: first, statement: first },
    downRevision: {
      refs: input.previous ? [{ id: input.previous, range: FILE_START }] : [],
      unknown: [],
      symbols: [],
      isNone: input.previous === undefined,
      range: FILE_START,
      statement: FILE_START,
    },
    dependsOn: undefined,
    branchLabels: undefined,
    docstring: { message: input.name.replace(/[_-]+/g, " ").trim(), revisionId: undefined, revises: undefined, createDate: undefined },
    ...(input.name ? { migrationName: { version: input.version, name: input.name } } : {}),
    suppressions: readSqlSuppressions(input.text, lines, input.dialect),
    definesMigrationFunctions: true,
    truncatedFrom: undefined,
    upgrade,
    downgrade,
    ...(marker ? { otherDatabase: { database: marker.database, written: marker.written, range: lines.range(marker.start, marker.end) } } : {}),
  };
}

function block(text: string, span: TextSpan, dialect: SqlDialect, at: (from: number, to: number) => Range, file: string, unsupported?: string): OperationBlock {
  if (unsupported) return { present: true, operations: [], problems: [], file, range: at(span.start, span.start) };
  const { operations, problems } = sqlToOperations(text.slice(span.start, span.end), { dialect, at: (from, to) => at(from + span.start, to + span.start) });
  return { present: true, operations, problems, file, range: at(span.start, span.start) };
}
