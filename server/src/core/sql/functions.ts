import type { CreateFunctionStmt, DataType } from "sql-parser-cst";
import type { Operation, QualifiedName } from "../schema/operations";
import { qualifiedNameOf, sourceOf, textOf, type StatementContext } from "./statementContext";

/** CREATE [OR REPLACE] FUNCTION, kept as written, with the named types its signature uses (a table's row type must exist first). */
export function createFunctionOperations(ctx: StatementContext, stmt: CreateFunctionStmt): Operation[] {
  const types = [...stmt.params.expr.items.map((p) => p.dataType), ...stmt.clauses.flatMap((c) => (c.type === "returns_clause" ? [c.dataType] : []))].flatMap((t) => namedType(ctx, t));
  return [
    {
      ...sourceOf(ctx, stmt.name, false),
      kind: "create_function",
      function: qualifiedNameOf(ctx, stmt.name),
      sql: textOf(ctx, stmt),
      orReplace: stmt.orReplaceKw !== undefined,
      ...(types.length > 0 ? { signatureTypes: types } : {}),
    },
  ];
}

/** `"RateLimit"`, `public.t[]`, `SETOF t`: a type named by the user, not a built-in keyword type. */
function namedType(ctx: StatementContext, type: DataType): QualifiedName[] {
  switch (type.type) {
    case "identifier":
    case "member_expr":
      return [qualifiedNameOf(ctx, type)];
    case "array_data_type":
    case "setof_data_type":
    case "modified_data_type":
      return namedType(ctx, type.dataType);
    default:
      return [];
  }
}
