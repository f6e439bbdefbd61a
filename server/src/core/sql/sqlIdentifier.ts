import type { QualifiedName } from "../schema/operations";

/** PostgreSQL's reserved key words (reserved, or reserved except as function or type names): never a bare table or column name. */
const RESERVED = new Set(
  (
    "all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation column concurrently " +
    "constraint create cross current_catalog current_date current_role current_schema current_time current_timestamp current_user default " +
    "deferrable desc distinct do else end except false fetch for foreign freeze from full grant group having ilike in initially inner " +
    "intersect into is isnull join lateral leading left like limit localtime localtimestamp natural not notnull null offset on only or order " +
    "outer overlaps placing primary references returning right select session_user similar some symmetric system_user table tablesample " +
    "then to trailing true union unique user using variadic verbose when where window with"
  ).split(" "),
);

/** A name as SQL must write it to mean exactly this name: bare when PostgreSQL would fold it to itself, quoted otherwise. */
export function sqlIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export function sqlTableName(name: QualifiedName): string {
  return name.schema ? `${sqlIdentifier(name.schema)}.${sqlIdentifier(name.name)}` : sqlIdentifier(name.name);
}

/** `schema.table.column` as OWNED BY names it. */
export function sqlColumnName(name: { readonly table: QualifiedName; readonly column: string }): string {
  return `${sqlTableName(name.table)}.${sqlIdentifier(name.column)}`;
}
