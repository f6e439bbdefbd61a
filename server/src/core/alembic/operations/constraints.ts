import type { ConstraintKind, ConstraintSpec, ForeignKeyTarget, IndexDefinition } from "../../schema/operations";
import { sqlIdentifier } from "../../sql/sqlIdentifier";
import type { SqlDialect } from "../../schema/sqlContract";
import { bindArguments, rawArguments } from "./args";
import { parseColumnPath } from "./columns";
import { firstArgument, lastName, readBoolean, readString, readStringList, sequenceElements } from "./literals";
import { resolve, type Ref } from "./scope";
import { referentialClauses } from "./referentialClauses";

const CONSTRAINT_KINDS: Record<string, ConstraintKind> = {
  PrimaryKeyConstraint: "primary_key",
  UniqueConstraint: "unique",
  CheckConstraint: "check",
  ForeignKeyConstraint: "foreign_key",
  ExcludeConstraint: "exclude",
};

export function constraintKind(ref: Ref): ConstraintKind | undefined {
  const { node, scope } = resolve(ref);
  return node.name === "CallExpression" ? CONSTRAINT_KINDS[lastName(node, scope.module.text) ?? ""] : undefined;
}

/** `sa.UniqueConstraint("a", "b", name="uq")` and the other constraint constructors of a table. */
export function readConstraint(ref: Ref): ConstraintSpec | undefined {
  const kind = constraintKind(ref);
  const { node, scope } = resolve(ref);
  if (!kind) return undefined;
  const args = bindArguments(node, scope, kind === "check" ? ["sqltext"] : kind === "foreign_key" ? ["columns", "refcolumns"] : []);
  const nameRef = args.get("name");
  const name = nameRef ? readString(nameRef)?.value : undefined;
  const withName = (spec: ConstraintSpec): ConstraintSpec => (name ? { ...spec, name } : spec);
  const strings = (refs: readonly Ref[]): string[] => refs.flatMap((r) => readString(r)?.value ?? []);
  switch (kind) {
    case "primary_key":
    case "unique":
      return withName({ kind, columns: strings(args.rest) });
    case "check": {
      const sqltext = args.get("sqltext");
      const expression = sqltext ? readSqlText(sqltext) : undefined;
      return withName({ kind, columns: [], ...(expression !== undefined ? { expression } : {}) });
    }
    case "foreign_key": {
      const local = args.get("columns");
      const remote = args.get("refcolumns");
      const read = remote ? readReferences(remote) : undefined;
      const useAlter = args.get("use_alter");
      const clauses = referentialClauses((keyword) => args.get(keyword));
      const references = read && { ...read, ...(useAlter && readBoolean(useAlter) === true ? { deferred: true } : {}), ...clauses };
      return withName({ kind, columns: local ? (readStringList(local)?.items.map((i) => i.value) ?? []) : [], ...(references ? { references } : {}) });
    }
    case "exclude": {
      // Elements are `(column, operator)` pairs.
      const columns = args.rest.flatMap((r) => {
        const pair = sequenceElements(r);
        const column = pair?.[0] ? readString(pair[0]) : undefined;
        return column ? [column.value] : [];
      });
      return withName({ kind, columns });
    }
  }
}

/** `["users.id"]` (or `["auth.users.id", ...]`): the referenced table and its columns. */
export function readReferences(ref: Ref): ForeignKeyTarget | undefined {
  const paths = readStringList(ref)?.items.map((i) => parseColumnPath(i.value));
  const first = paths?.[0];
  if (!paths || !first || paths.some((p) => !p)) return undefined;
  return { table: first.table, columns: paths.flatMap((p) => p?.columns ?? []) };
}

/** A SQL condition written as a string or `sa.text("...")`; undefined for a Python expression. */
export function readSqlText(ref: Ref): string | undefined {
  const direct = readString(ref);
  if (direct) return direct.value;
  const { node, scope } = resolve(ref);
  if (node.name !== "CallExpression" || !["text", "literal_column"].includes(lastName(node, scope.module.text) ?? "")) return undefined;
  const inner = firstArgument(node);
  return inner ? readString({ node: inner, scope })?.value : undefined;
}

/** An `sa.Index(...)` of a table: its columns, expressions and options. */
export interface IndexRead {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly detail?: string;
  readonly definition?: IndexDefinition;
}

export function isIndexCall(ref: Ref): boolean {
  const { node, scope } = resolve(ref);
  return node.name === "CallExpression" && lastName(node, scope.module.text) === "Index";
}

export function readIndex(ref: Ref, dialect: SqlDialect): IndexRead {
  const { node, scope } = resolve(ref);
  const { positional, keywords } = rawArguments(node, scope);
  const [nameRef, ...expressions] = positional;
  const name = nameRef ? readString(nameRef)?.value : undefined;
  const columns = expressions.flatMap((e) => readString(e)?.value ?? []);
  const unique = keywords.get("unique") ? readBoolean(keywords.get("unique") as Ref) === true : false;
  const detail = indexDetail(expressions.filter((e) => !readString(e)), keywords, dialect);
  const definition = indexDefinition(expressions, keywords, dialect);
  return { ...(name ? { name } : {}), columns, unique, ...(detail ? { detail } : {}), ...(definition ? { definition } : {}) };
}

/**
 * The index as SQL, when Alembic would render every part of it from what is written: column
 * names, `sa.text(...)` expressions, `postgresql_using`, a `*_where` given as SQL text.
 * Undefined for a SQLAlchemy expression, operator classes or anything else not read as SQL.
 */
export function indexDefinition(elements: readonly Ref[], keywords: { get(name: string): Ref | undefined }, dialect: SqlDialect): IndexDefinition | undefined {
  const keys: string[] = [];
  for (const element of elements) {
    const column = readString(element)?.value;
    const sql = column === undefined ? readSqlText(element) : undefined;
    if (column === undefined && sql === undefined) return undefined;
    keys.push(column !== undefined ? sqlIdentifier(column) : (sql as string));
  }
  if (keys.length === 0 || keywords.get(`${dialect}_ops`)) return undefined;
  const usingRef = dialect === "postgresql" ? keywords.get("postgresql_using") : undefined;
  const method = usingRef ? readString(usingRef)?.value : undefined;
  const whereRef = keywords.get(`${dialect}_where`);
  const where = whereRef ? readSqlText(whereRef) : undefined;
  if ((usingRef && method === undefined) || (whereRef && where === undefined)) return undefined;
  return { keys, ...(method ? { method } : {}), ...(where ? { where } : {}) };
}

/** Expressions, USING and WHERE of an index, for display only. */
export function indexDetail(expressions: readonly Ref[], keywords: { get(name: string): Ref | undefined }, dialect: SqlDialect): string | undefined {
  const parts: string[] = [];
  const rendered = expressions.map((e) => readSqlText(e) ?? resolve(e).scope.text(resolve(e).node));
  if (rendered.length) parts.push(`(${rendered.join(", ")})`);
  const using = dialect === "postgresql" ? keywords.get("postgresql_using") : undefined;
  const usingText = using ? readString(using)?.value : undefined;
  if (usingText) parts.push(`USING ${usingText}`);
  const where = keywords.get(`${dialect}_where`);
  if (where) parts.push(`WHERE ${readSqlText(where) ?? resolve(where).scope.text(resolve(where).node)}`);
  return parts.length ? parts.join(" ") : undefined;
}
