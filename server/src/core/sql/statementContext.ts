import type { DataType, EntityName, Expr, Identifier, Node } from "sql-parser-cst";
import type { Range } from "../model/positions";
import type { Operation, OperationSource, QualifiedName } from "../schema/operations";
import type { SqlDialect } from "../schema/sqlContract";
import { normalizeIdentifier, postgresIdentifier } from "./identifiers";
import { compactSql, normalizeTypeText } from "./sqlText";

/** A MySQL column rewrite made before parsing (MODIFY / CHANGE were parsed as ADD). */
export type ActionRewrite = { readonly kind: "modify" } | { readonly kind: "change"; readonly oldName: string };

/** What the converters need to turn one parsed statement into operations. */
export interface StatementContext {
  /** The whole SQL text, as written (never the repaired copy the parser may have read). */
  readonly sql: string;
  /** Where the parsed text starts in `sql`: tree ranges are relative to it. */
  readonly base: number;
  readonly dialect: SqlDialect;
  readonly at: (from: number, to: number) => Range;
  /** The statement, as every operation's `range`. */
  readonly range: Range;
  /** MySQL `unsigned` / `zerofill` blanked out for the parser: [start, end) in `sql`, appended to the type before them. */
  readonly typeSuffixes: readonly (readonly [number, number])[];
  /** Rewritten column actions, by the offset (in `sql`) where the action starts. */
  readonly rewrites: ReadonlyMap<number, ActionRewrite>;
}

export function spanOf(ctx: StatementContext, node: Node): [number, number] {
  const [from, to] = node.range ?? [0, 0];
  return [ctx.base + from, ctx.base + to];
}

export function rangeOf(ctx: StatementContext, node: Node): Range {
  const [from, to] = spanOf(ctx, node);
  return ctx.at(from, to);
}

/** The node's SQL as written, on one line. */
export function textOf(ctx: StatementContext, node: Node): string {
  const [from, to] = spanOf(ctx, node);
  return compactSql(ctx.sql, from, to, ctx.dialect);
}

export function identifierOf(ctx: StatementContext, node: Identifier): string {
  const [from, to] = spanOf(ctx, node);
  const name = normalizeIdentifier(ctx.sql.slice(from, to));
  // PostgreSQL cuts every identifier to 63 bytes as it reads it (with a NOTICE).
  return ctx.dialect === "postgresql" ? postgresIdentifier(name) : name;
}

/** `schema.name` (or `db.schema.name`: the last two parts count). */
export function qualifiedNameOf(ctx: StatementContext, node: EntityName): QualifiedName {
  const parts = nameParts(node).map((p) => identifierOf(ctx, p));
  const name = parts[parts.length - 1] ?? "";
  const schema = parts[parts.length - 2];
  return schema === undefined ? { name } : { schema, name };
}

/** `table.column` or `schema.table.column` (OWNED BY); undefined for a bare name (OWNED BY NONE). */
export function columnNameOf(ctx: StatementContext, node: EntityName): { table: QualifiedName; column: string } | undefined {
  const parts = nameParts(node).map((p) => identifierOf(ctx, p));
  const [schema, table, column] = parts.length >= 3 ? parts.slice(-3) : [undefined, ...parts];
  if (table === undefined || column === undefined) return undefined;
  return { table: schema === undefined ? { name: table } : { schema, name: table }, column };
}

function nameParts(node: EntityName | Expr): Identifier[] {
  if (node.type === "identifier") return [node];
  if (node.type === "member_expr") return node.property.type === "identifier" ? [...nameParts(node.object), node.property] : nameParts(node.object);
  if (node.type === "bigquery_quoted_member_expr") return nameParts(node.expr);
  return [];
}

export function typeOf(ctx: StatementContext, node: DataType): string {
  let [from, to] = spanOf(ctx, node);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [start, end] of ctx.typeSuffixes) {
      if (start >= to && ctx.sql.slice(to, start).trim() === "") {
        to = end;
        grew = true;
      }
    }
  }
  return normalizeTypeText(ctx.sql, from, to, ctx.dialect);
}

/** `range` is the statement; `nameRange` the object's name; `guarded` only when true. */
export function sourceOf(ctx: StatementContext, name: Node | undefined, guarded: boolean): OperationSource {
  return { range: ctx.range, ...(name ? { nameRange: rangeOf(ctx, name) } : {}), ...(guarded ? { guarded: true } : {}) };
}

export function unknownOp(ctx: StatementContext, reason: string, name?: Node): Operation {
  return { ...sourceOf(ctx, name, false), kind: "unknown", reason };
}
