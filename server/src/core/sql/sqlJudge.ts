import type { SqlDialect } from "../schema/sqlContract";
import type { OperationProblem } from "../schema/operations";
import { lexSql } from "./lexer";

/**
 * What the database's own parser says of a statement the analysis could not parse. Only a
 * statement the database rejects is a syntax error; one it accepts, or that no parser here can
 * judge, is only not understood. The Node implementation runs PostgreSQL's parser.
 */
export type SqlVerdict =
  | { readonly kind: "rejected"; readonly message: string; /** 0-based, in the statement. */ readonly offset?: number }
  | { readonly kind: "accepted" }
  | { readonly kind: "unknown"; readonly why: string; /** Only for now (the parser is still loading): not remembered. */ readonly transient?: true };

export interface SqlJudge {
  judge(statement: string, dialect: SqlDialect): SqlVerdict;
}

const verdicts = new Map<string, SqlVerdict>();
const MAX_REMEMBERED = 10_000;

const DATABASES: Record<SqlDialect, string> = { postgresql: "PostgreSQL", mysql: "MySQL", sqlite: "SQLite" };

/** The database a dialect's statements are written for, as messages name it. */
export function databaseOf(dialect: SqlDialect): string {
  return DATABASES[dialect];
}

/** The verdict on a problem's statement; undefined without a judge or a statement (the analysis's own parser then decides). */
export function verdictOf(problem: OperationProblem, judge: SqlJudge | undefined): SqlVerdict | undefined {
  const statement = problem.statement;
  if (!judge || !statement) return undefined;
  const key = `${statement.dialect}\u0000${statement.text}`;
  let verdict = verdicts.get(key);
  if (!verdict) {
    const template = templateMarker(statement.text, statement.dialect);
    verdict = template ? { kind: "unknown", why: `it is a template (${template}) filled in when the migration runs` } : judge.judge(statement.text, statement.dialect);
    if (verdict.kind === "unknown" && verdict.transient) return verdict;
    if (verdicts.size >= MAX_REMEMBERED) verdicts.clear();
    verdicts.set(key, verdict);
  }
  return verdict;
}

/**
 * A placeholder a tool fills in before the database sees the text: a psql variable (`:schema`,
 * `:'name'`), a Go template action (`{{ … }}`), a `${…}` substitution. Outside strings and comments.
 */
export function templateMarker(text: string, dialect: SqlDialect): string | undefined {
  const tokens = lexSql(text, dialect).filter((t) => t.kind !== "comment");
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== "punct") continue;
    const c = text[token.start];
    const next = tokens[i + 1];
    const previous = tokens[i - 1];
    const adjacent = next !== undefined && next.start === token.end;
    if (c === ":" && adjacent && (next.kind === "word" || next.kind === "string" || next.kind === "quoted") && text[token.end] !== ":" && !(previous?.end === token.start && text[previous.start] === ":")) {
      return `psql variable ${text.slice(token.start, next.end)}`;
    }
    if (c === "{" && adjacent && text[next.start] === "{") return "template action {{ … }}";
    if (c === "$" && adjacent && text[next.start] === "{") return "substitution ${…}";
  }
  return undefined;
}
