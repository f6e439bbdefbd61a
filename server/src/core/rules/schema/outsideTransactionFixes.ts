import { parser } from "@lezer/python";
import type { RevisionFile } from "../../alembic/revisionFile";
import type { MigrationSetSpec } from "../../discovery/migrationSet";
import type { Fix } from "../../model/findings";
import { FILE_START, type Range } from "../../model/positions";
import { readStringLiteral } from "../../python/stringLiteral";
import type { Operation } from "../../schema/operations";
import { splitSqlStatements } from "../../sql/splitStatements";
import type { SqlRunner } from "../../sqlMigrations/sqlTransaction";
import { enclosingExecuteCall } from "./enclosingCall";
import { AUTOCOMMIT_BLOCK, insertAt, wrapInBlock, writtenAsSql } from "./sourceEdits";

/**
 * Alembic: the call moves into autocommit_block(). Not for a batch operation (it runs when its
 * block exits), nor for an execute() whose SQL holds other statements: sent as one query, they
 * would still make one implicit transaction.
 */
export function alembicFixes(file: RevisionFile, op: Operation): Fix[] {
  const call = alembicCall(file, op);
  if (op.batch || !call || (call.statements ?? 1) !== 1) return [];
  const edit = wrapInBlock(file, call.range, AUTOCOMMIT_BLOCK);
  return edit ? [{ title: "Run it inside autocommit_block()", edits: [edit] }] : [];
}

/** The op.* or execute() call that runs the operation; for SQL, how many statements its string holds (undefined: built at run time). */
export function alembicCall(file: RevisionFile, op: Operation): { readonly range: Range; readonly statements?: number } | undefined {
  if (op.kind !== "outside_transaction" && !writtenAsSql(file, op)) return { range: op.range, statements: 1 };
  const range = enclosingExecuteCall(file, op.range);
  if (!range) return undefined;
  const statements = statementsInCall(file, range);
  return statements === undefined ? { range } : { range, statements };
}

/** How many SQL statements the string literals of an execute() call hold; undefined when one is built at run time. */
function statementsInCall(file: RevisionFile, call: Range): number | undefined {
  const text = file.text.slice(file.lines.offset(call.start), file.lines.offset(call.end));
  let sql = "";
  let readable = true;
  parser.parse(text).iterate({
    enter(node) {
      if (node.name === "FormatString") readable = false;
      if (node.name !== "String") return;
      const literal = readStringLiteral(text.slice(node.from, node.to));
      if (!literal || literal.isFormat || literal.isBytes) readable = false;
      else sql += literal.value;
    },
  });
  return readable ? splitSqlStatements(sql, "postgresql").length : undefined;
}

/** The runner's own way to run the file outside a transaction, where it makes this statement run. */
export function sqlRunnerFixes(spec: MigrationSetSpec, file: RevisionFile, runner: SqlRunner, statements: number): Fix[] {
  if (runner.tool === "goose") {
    return [{ title: "Add '-- +goose NO TRANSACTION' (goose then runs the file's statements one by one, outside a transaction)", edits: [insertAt(file, FILE_START.start, "-- +goose NO TRANSACTION\n")] }];
  }
  if (runner.tool === "sql-migrate") return [{ title: "Add 'notransaction' to the Up marker", edits: [appendToMarker(file, runner, " notransaction")] }];
  // dbmate without a transaction still sends the section as one query: only a lone statement runs alone.
  if (runner.tool === "dbmate" && runner.kind === "transaction" && statements === 1) {
    return [{ title: "Add 'transaction:false' to the up marker", edits: [appendToMarker(file, runner, " transaction:false")] }];
  }
  if (runner.tool === "flyway" && !spec.sql?.migrations.find((m) => m.file === file.path)?.scriptConfig) {
    return [
      {
        title: "Create its script configuration file with executeInTransaction=false (Flyway then runs its statements one by one, outside a transaction)",
        edits: [{ file: `${file.path}.conf`, range: FILE_START, newText: "executeInTransaction=false\n", createFile: true }],
      },
    ];
  }
  return [];
}

/** Text added at the end of the marker line that opens the up section. */
function appendToMarker(file: RevisionFile, runner: SqlRunner, text: string) {
  const line = Math.max(0, file.lines.position(runner.up.start).line - 1);
  return insertAt(file, { line, character: file.lines.lineText(line).trimEnd().length }, text);
}
