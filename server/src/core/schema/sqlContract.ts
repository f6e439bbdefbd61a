import type { Operation, OperationProblem } from "./operations";

export type SqlDialect = "postgresql" | "mysql" | "sqlite";

/**
 * SQL text in, schema operations out, one statement at a time: a statement that does not parse
 * becomes a `sql-syntax-error` problem and the others still count. Ranges are produced through
 * `at(from, to)`, which maps offsets in the SQL text to the caller's file (a .sql file, or a
 * string literal inside a Python migration).
 */
export type SqlToOperations = (
  sql: string,
  options: { readonly dialect: SqlDialect; readonly at: (from: number, to: number) => import("../model/positions").Range },
) => { readonly operations: readonly Operation[]; readonly problems: readonly OperationProblem[] };
