import type { DeleteStmt, EntityName, InsertStmt, MergeStmt, Node, TruncateStmt, UpdateStmt } from "sql-parser-cst";
import type { Operation } from "../schema/operations";
import { qualifiedNameOf, sourceOf, type StatementContext } from "./statementContext";

type DataStatement = "update" | "insert" | "delete";

/** INSERT / UPDATE / DELETE / MERGE / TRUNCATE: a data_change on the table they write. */
export function dataChangeOperations(ctx: StatementContext, stmt: InsertStmt | UpdateStmt | DeleteStmt | MergeStmt | TruncateStmt): Operation[] {
  switch (stmt.type) {
    case "insert_stmt": {
      const clause = stmt.clauses.find((c) => c.type === "insert_clause");
      return [dataChange(ctx, "insert", clause?.type === "insert_clause" ? tableName(clause.table) : undefined)];
    }
    case "update_stmt": {
      const clause = stmt.clauses.find((c) => c.type === "update_clause");
      return [dataChange(ctx, "update", clause?.type === "update_clause" ? tableName(clause.tables.items[0]) : undefined)];
    }
    case "delete_stmt": {
      const clause = stmt.clauses.find((c) => c.type === "delete_clause");
      return [dataChange(ctx, "delete", clause?.type === "delete_clause" ? tableName(clause.tables.items[0]) : undefined)];
    }
    case "merge_stmt": {
      const clause = stmt.clauses.find((c) => c.type === "merge_clause");
      return [dataChange(ctx, "update", clause?.type === "merge_clause" ? tableName(clause.target) : undefined)];
    }
    case "truncate_stmt":
      return stmt.tables.items.map((t) => dataChange(ctx, "delete", tableName(t)));
  }
}

function dataChange(ctx: StatementContext, statement: DataStatement, table: EntityName | undefined): Operation {
  return { ...sourceOf(ctx, table, false), kind: "data_change", statement, ...(table ? { table: qualifiedNameOf(ctx, table) } : {}) };
}

/** The written table behind an alias, ONLY, `t *`, a partition list or INDEXED BY; undefined for subqueries. */
function tableName(node: Node | undefined): EntityName | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case "identifier":
    case "member_expr":
      return node;
    case "alias":
      return tableName(node.expr);
    case "table_with_inheritance":
    case "table_without_inheritance":
    case "indexed_table":
    case "not_indexed_table":
    case "partitioned_table":
      return tableName(node.table);
    default:
      return undefined;
  }
}
