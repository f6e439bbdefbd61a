import type { Range } from "../model/positions";
import type { Operation, OperationProblem } from "../schema/operations";
import type { SqlDialect, SqlToOperations } from "../schema/sqlContract";
import { alterTableActions } from "./alterTable";
import { parseSql, type SqlParseError } from "./parseSql";
import { repairStatement, type Repair } from "./repair";
import { splitSqlStatements, type SqlStatement } from "./splitStatements";
import { maskTemplates } from "./templates";
import type { StatementContext } from "./statementContext";
import { classifyHead } from "./statementHeads";
import { statementOperations } from "./statementOperations";
import { isWellFormed, statementTokens } from "./tokens";
import { functionFromTokens, headOperations, viewFromTokens } from "./unparsedStatement";
import { unreadStatement } from "./unreadStatement";
import { refusedInTransactionText } from "./outsideTransaction";
import { doBlockOperations } from "./doBlock";

type At = (from: number, to: number) => Range;
/** Longer data statements are read from their tokens, not parsed. */
const LARGE_STATEMENT = 20_000;
interface StatementResult {
  readonly operations: readonly Operation[];
  readonly problem?: OperationProblem;
}

/**
 * SQL text to schema operations, statement by statement, with sql-parser-cst. A statement it
 * cannot parse is a `sql-syntax-error` on that statement alone, unless it is valid SQL the parser
 * does not support: then it is repaired, read from its tokens, or an `unknown` (see statementHeads).
 */
export const sqlToOperations: SqlToOperations = (sql, { dialect, at }) => {
  const operations: Operation[] = [];
  const problems: OperationProblem[] = [];
  for (const statement of splitSqlStatements(sql, dialect).flatMap((s) => statementsInBlock(s, dialect))) {
    const result = readStatement(sql, statement, dialect, at);
    operations.push(...result.operations);
    if (dialect === "postgresql" && !result.problem) operations.push(...outsideTransaction(statement, result.operations, at));
    if (result.problem) problems.push(result.problem);
    // Unless the database rejects it too, it ran and did something the analysis does not know.
    if (result.problem?.statement && result.operations.length === 0) operations.push(unreadStatement(result.problem.statement.text, dialect, result.problem.range));
  }
  return { operations, problems };
};

/**
 * A goose / sql-migrate `StatementBegin … StatementEnd` block goes to the database as one, but may
 * hold many statements (a whole file of functions and tables): each is read on its own.
 */
function statementsInBlock(statement: SqlStatement, dialect: SqlDialect): SqlStatement[] {
  if (statement.unterminated) return [statement];
  const parts = splitSqlStatements(statement.text, dialect);
  if (parts.length < 2) return [statement];
  return parts.map((part) => ({ ...part, start: statement.start + part.start, end: statement.start + part.end }));
}

/** The statement as an `outside_transaction` operation, when PostgreSQL refuses it inside a transaction and no index operation says so already. */
function outsideTransaction(statement: SqlStatement, read: readonly Operation[], at: At): Operation[] {
  if (read.some((op) => (op.kind === "create_index" || op.kind === "drop_index") && op.concurrently)) return [];
  const command = refusedInTransactionText(statement.text);
  return command ? [{ kind: "outside_transaction", command, range: at(statement.start, statement.end) }] : [];
}

function readStatement(sql: string, statement: SqlStatement, dialect: SqlDialect, at: At): StatementResult {
  const ctx = context(sql, statement, dialect, at, undefined);
  if (statement.unterminated) return { operations: [], problem: problem(ctx, "a quote or comment in this statement is never closed", statement.start) };

  // A DO block's PL/pgSQL is read statement by statement (the parser keeps it as a string).
  const block = dialect === "postgresql" ? doBlockOperations(ctx, statement.start, statement.end) : undefined;
  if (block) return { operations: block };
  const source = maskTemplates(statement.text, dialect);
  if (source.length > LARGE_STATEMENT) {
    // A data dump's INSERT of thousands of rows takes the parser seconds; its table is all that counts.
    const st = statementTokens(source, dialect);
    const head = classifyHead(st);
    if ((head.kind === "data" || head.kind === "harmless") && isWellFormed(st)) return { operations: headOperations(ctx, st, head) };
  }
  const parsed = parseSql(source, dialect);
  if (parsed.statements) return { operations: parsed.statements.flatMap((s) => statementOperations(ctx, s)) };

  const st = statementTokens(source, dialect);
  const head = classifyHead(st);
  if (head.kind === "invalid" || !isWellFormed(st)) return { operations: [], problem: syntaxProblem(ctx, parsed.error, statement.text) };
  // A function whose body the parser does not read (`RETURN expr`) is still created.
  const fn = dialect === "postgresql" ? functionFromTokens(ctx, st, source) : undefined;
  if (fn) return { operations: fn };
  if (head.kind !== "modelled") return { operations: headOperations(ctx, st, head) };

  const repair = repairStatement(st, dialect);
  const repaired = repair ? readRepaired(sql, statement, dialect, at, repair) : undefined;
  if (repaired && !repaired.problem) return repaired;
  // A view's query is not modelled: a gap of the parser there is no reason to lose the view.
  const view = viewFromTokens(ctx, st);
  if (view) return { operations: view };
  return repaired ?? { operations: [], problem: syntaxProblem(ctx, parsed.error, statement.text) };
}

/** Parses what the repair left to the parser and merges in what it read from tokens, in statement order. */
function readRepaired(sql: string, statement: SqlStatement, dialect: SqlDialect, at: At, repair: Repair): StatementResult {
  const ctx = context(sql, statement, dialect, at, repair);
  const fromTokens = repair.operations.map((op) => ({ offset: statement.start + op.offset, operations: [op.build(ctx)] }));
  if (!repair.parserNeeded) return { operations: fromTokens.flatMap((o) => o.operations) };

  const parsed = parseSql(repair.patch.toString(), dialect);
  if (!parsed.statements) return { operations: [], problem: syntaxProblem(ctx, parsed.error, statement.text) };
  const fromParser = parsed.statements.flatMap((s) =>
    s.type === "alter_table_stmt" ? alterTableActions(ctx, s) : [{ offset: statement.start, operations: statementOperations(ctx, s) }],
  );
  return { operations: [...fromParser, ...fromTokens].sort((a, b) => a.offset - b.offset).flatMap((o) => o.operations) };
}

function context(sql: string, statement: SqlStatement, dialect: SqlDialect, at: At, repair: Repair | undefined): StatementContext {
  const base = statement.start;
  return {
    sql,
    base,
    dialect,
    at,
    range: at(statement.start, statement.end),
    typeSuffixes: repair?.typeSuffixes.map(([from, to]) => [base + from, base + to] as const) ?? [],
    rewrites: new Map([...(repair?.rewrites ?? [])].map(([offset, rewrite]) => [base + offset, rewrite])),
  };
}

/** The parser's complaint, with the statement as written so the database's own parser can judge it. */
function syntaxProblem(ctx: StatementContext, error: SqlParseError, source: string): OperationProblem {
  const expected = error.expected.length > 0 && error.expected.length <= 6 ? `; expected ${listOf(error.expected)}` : "";
  return { ...problem(ctx, `unexpected ${error.found}${expected}`, ctx.base + error.offset), statement: { text: source, dialect: ctx.dialect } };
}

function problem(ctx: StatementContext, what: string, offset: number): OperationProblem {
  const where = ctx.at(offset, offset).start;
  return { rule: "sql-syntax-error", range: ctx.range, message: `SQL syntax error at line ${where.line + 1}, column ${where.character + 1}: ${what}` };
}

function listOf(items: readonly string[]): string {
  return items.length === 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
