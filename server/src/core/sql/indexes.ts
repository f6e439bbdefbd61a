import type { CreateIndexStmt, DropIndexStmt, Expr } from "sql-parser-cst";
import type { IndexDefinition, Operation } from "../schema/operations";
import { sqlIdentifier } from "./sqlIdentifier";
import { expressionColumns } from "./expressionColumns";
import { identifierOf, qualifiedNameOf, sourceOf, textOf, type StatementContext } from "./statementContext";

/** CREATE INDEX: plain columns are listed; expressions and a partial index's WHERE go to `detail`. */
export function createIndexOperations(ctx: StatementContext, stmt: CreateIndexStmt): Operation[] {
  const tableName = stmt.table.type === "table_without_inheritance" ? stmt.table.table : stmt.table;
  const columns: string[] = [];
  const details: string[] = [];
  if (stmt.columns.expr.type === "list_expr") {
    for (const spec of stmt.columns.expr.items) {
      const column = indexedColumn(ctx, spec.expr);
      if (column !== undefined) columns.push(column);
      else details.push(textOf(ctx, spec.expr));
    }
  }
  for (const clause of stmt.clauses) if (clause.type === "where_clause") details.push(textOf(ctx, clause));
  const method = stmt.indexTypeKw?.name;
  if (method === "FULLTEXT" || method === "SPATIAL") details.unshift(method.toLowerCase());
  const name = stmt.name ? qualifiedNameOf(ctx, stmt.name).name : undefined;
  const definition = indexDefinition(ctx, stmt);
  return [
    {
      ...sourceOf(ctx, stmt.name ?? tableName, false),
      ...(stmt.ifNotExistsKw !== undefined ? { objectGuarded: true } : {}),
      ...(sourceOf(ctx, tableName, false).nameRange ? { tableRange: sourceOf(ctx, tableName, false).nameRange } : {}),
      kind: "create_index",
      ...(name !== undefined ? { name } : {}),
      table: qualifiedNameOf(ctx, tableName),
      columns,
      unique: stmt.indexTypeKw?.name === "UNIQUE",
      concurrently: stmt.concurrentlyKw !== undefined,
      ...(details.length > 0 ? { detail: details.join(" ") } : {}),
      ...(definition ? { definition } : {}),
    },
  ];
}

/** The keys as written (a plain column as its name), the method and the predicate. */
function indexDefinition(ctx: StatementContext, stmt: CreateIndexStmt): IndexDefinition | undefined {
  if (stmt.columns.expr.type !== "list_expr") return undefined;
  const reads = new Set<string>();
  const keys = stmt.columns.expr.items.map((spec) => {
    const column = spec.type === "index_specification" && spec.expr.type === "identifier" ? identifierOf(ctx, spec.expr) : undefined;
    const plain = column !== undefined && textOf(ctx, spec) === textOf(ctx, spec.expr);
    if (!plain) for (const read of expressionColumns(ctx, spec.type === "index_specification" ? spec.expr : spec)) reads.add(read);
    return plain ? sqlIdentifier(column) : textOf(ctx, spec);
  });
  const method = stmt.using?.type === "using_access_method_clause" ? textOf(ctx, stmt.using.method) : undefined;
  const where = stmt.clauses.find((clause) => clause.type === "where_clause");
  if (where?.type === "where_clause") for (const read of expressionColumns(ctx, where.expr)) reads.add(read);
  const include = stmt.clauses.find((clause) => clause.type === "index_include_clause");
  if (include?.type === "index_include_clause") for (const column of include.columns.expr.items) reads.add(identifierOf(ctx, column));
  return { keys, ...(method ? { method } : {}), ...(where?.type === "where_clause" ? { where: textOf(ctx, where.expr) } : {}), ...(reads.size > 0 ? { reads: [...reads] } : {}), ...(include?.type === "index_include_clause" ? { include: textOf(ctx, include.columns) } : {}) };
}

/** DROP INDEX a, b: one drop_index each; MySQL names the table (`DROP INDEX i ON t`). */
export function dropIndexOperations(ctx: StatementContext, stmt: DropIndexStmt): Operation[] {
  const table = stmt.table ? qualifiedNameOf(ctx, stmt.table) : undefined;
  return stmt.indexes.items.map((node): Operation => {
    const { schema, name } = qualifiedNameOf(ctx, node);
    return {
      ...sourceOf(ctx, node, stmt.ifExistsKw !== undefined),
      kind: "drop_index",
      name,
      ...(table ? { table } : {}),
      ...(schema !== undefined ? { schema } : {}),
      concurrently: stmt.concurrentlyKw !== undefined,
    };
  });
}

/** A plain column, or MySQL's column prefix `name(10)` (which parses as a call). */
function indexedColumn(ctx: StatementContext, expr: Expr): string | undefined {
  if (expr.type === "identifier") return identifierOf(ctx, expr);
  const args = expr.type === "func_call" ? expr.args?.expr.args.items : undefined;
  if (ctx.dialect === "mysql" && expr.type === "func_call" && expr.name.type === "identifier" && args?.length === 1 && args[0]?.type === "number_literal") {
    return identifierOf(ctx, expr.name);
  }
  return undefined;
}
