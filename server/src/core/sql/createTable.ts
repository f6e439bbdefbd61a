import type { ConstraintIndex, CreateTableStmt, RelationKind, TableConstraint } from "sql-parser-cst";
import type { ColumnSpec, ConstraintSpec, Operation, QualifiedName } from "../schema/operations";
import { readColumn, readTableConstraint } from "./columns";
import { identifierOf, qualifiedNameOf, sourceOf, textOf, type StatementContext } from "./statementContext";

/** CREATE TABLE: one create_table, then one create_index per MySQL `INDEX (…)` element. */
export function createTableOperations(ctx: StatementContext, stmt: CreateTableStmt): Operation[] {
  return isTemporary(stmt) ? permanentTable(ctx, stmt).map((op) => (op.kind === "create_table" ? { ...op, temporary: true } : op)) : permanentTable(ctx, stmt);
}

function permanentTable(ctx: StatementContext, stmt: CreateTableStmt): Operation[] {
  const table = qualifiedNameOf(ctx, stmt.name);
  const columns: ColumnSpec[] = [];
  const constraints: ConstraintSpec[] = [];
  const indexes: Operation[] = [];
  // Columns that come from somewhere else (AS SELECT, LIKE, PARTITION OF, OF type, a virtual table module).
  let incomplete = stmt.partitionOf !== undefined || stmt.ofType !== undefined || kindWords(stmt.kind).includes("VIRTUAL");

  for (const item of stmt.columns?.expr.items ?? []) {
    if (item.type === "column_definition") {
      const reading = readColumn(ctx, item);
      columns.push(reading.column);
      constraints.push(...reading.constraints);
    } else if (item.type === "create_table_like_clause") {
      incomplete = true;
    } else {
      const node: TableConstraint = item.type === "constraint" ? item.constraint : item;
      const name = item.type === "constraint" && item.name?.name ? identifierOf(ctx, item.name.name) : undefined;
      if (node.type === "constraint_index") indexes.push(indexElement(ctx, table, node));
      else {
        const spec = readTableConstraint(ctx, node, name, item.type === "constraint" ? item.modifiers : []);
        if (spec) constraints.push(spec);
      }
    }
  }
  if (stmt.clauses.some((c) => c.type === "as_clause" || c.type === "create_table_like_clause")) incomplete = true;
  const partitionBy = stmt.clauses.find((c) => c.type === "create_table_partition_by_clause");
  const bound = stmt.clauses.find((c) => c.type === "create_table_partition_bound_clause" || c.type === "create_table_default_partition_clause");

  // Primary-key columns are never null, whichever way the key was written.
  const keyColumns = new Set(constraints.filter((c) => c.kind === "primary_key").flatMap((c) => c.columns));
  const finalColumns = columns.map((c) => (keyColumns.has(c.name) && c.nullable ? { ...c, nullable: false } : c));

  const create: Operation = {
    ...sourceOf(ctx, stmt.name, stmt.ifNotExistsKw !== undefined),
    kind: "create_table",
    table,
    columns: finalColumns,
    constraints,
    ...(incomplete ? { columnsIncomplete: true } : {}),
    ...(partitionBy ? { partitionBy: `${partitionBy.strategyKw.name} ${textOf(ctx, partitionBy.columns)}` } : {}),
    ...(stmt.partitionOf && bound ? { partitionOf: { parent: qualifiedNameOf(ctx, stmt.partitionOf.table), bound: textOf(ctx, bound) } } : {}),
  };
  return [create, ...indexes];
}

function indexElement(ctx: StatementContext, table: QualifiedName, node: ConstraintIndex): Operation {
  const columns = node.columns?.expr.items.map((c) => identifierOf(ctx, c)) ?? [];
  const kind = node.indexTypeKw?.name.toLowerCase();
  return { ...sourceOf(ctx, undefined, false), kind: "create_index", table, columns, unique: false, concurrently: false, ...(kind ? { detail: kind } : {}) };
}

function isTemporary(stmt: CreateTableStmt): boolean {
  const words = kindWords(stmt.kind);
  return words.includes("TEMP") || words.includes("TEMPORARY");
}

/** The keywords of TEMP / GLOBAL TEMPORARY / VIRTUAL / MATERIALIZED … */
export function kindWords(kind: RelationKind | undefined): string[] {
  if (!kind) return [];
  return Array.isArray(kind.kindKw) ? kind.kindKw.map((k) => k.name) : [kind.kindKw.name];
}
