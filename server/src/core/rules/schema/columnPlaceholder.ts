import type { ColumnSpec } from "../../schema/operations";
import type { EnumState } from "../../schema/schemaState";
import type { SqlDialect } from "../../schema/sqlContract";
import { lexSql } from "../../sql/lexer";

/**
 * A server default of the column's own type, for a NOT NULL column added to a table with rows:
 * SQL the database accepts in `ADD COLUMN c <type> NOT NULL DEFAULT <value>` (each value is
 * proven so against PostgreSQL and SQLite in test/core/schema/columnPlaceholder.test.ts).
 * Undefined when the type is not one this knows: a guessed value the database rejects would
 * only move the failure to the moment the migration runs.
 */
export function placeholderDefault(column: Pick<ColumnSpec, "type" | "labels">, enums: ReadonlyMap<string, EnumState>, dialect: SqlDialect): string | undefined {
  if (column.type === undefined) return undefined;
  const read = readType(column.type, dialect);
  if (!read) return undefined;
  if (read.array) return dialect === "postgresql" ? "'{}'" : undefined;
  if (read.labels) return read.labels[0] !== undefined ? sqlString(read.labels[0], dialect) : undefined;
  // An enum: the type the replay holds says which labels the database has; else the labels its column declares
  // (sa.Enum(...) of a type created where the analysis could not read it, or not native: a string column).
  const label = enumLabel(read.name, enums) ?? column.labels?.[0];
  if (label !== undefined) return sqlString(label, dialect);
  if (read.name.length !== 1 || read.quoted) return undefined;
  const base = read.words.join(" ").toLowerCase();
  const byDialect = dialect === "postgresql" ? POSTGRESQL : dialect === "mysql" ? MYSQL : SQLITE;
  const value = byDialect.get(base) ?? (dialect === "postgresql" && read.words[0]?.toLowerCase() === "interval" ? "'0'" : undefined);
  // MySQL wants CURRENT_TIMESTAMP with the column's fractional precision.
  if (value === "CURRENT_TIMESTAMP" && dialect === "mysql" && read.size !== undefined) return `CURRENT_TIMESTAMP(${read.size})`;
  return value;
}

/** The type names (without size) each dialect has a placeholder for: the tests prove each on the database. */
export function placeholderTypes(dialect: SqlDialect): string[] {
  return [...(dialect === "postgresql" ? POSTGRESQL : dialect === "mysql" ? MYSQL : SQLITE).keys()];
}

const NUMBERS = ["smallint", "integer", "int", "bigint", "decimal", "numeric", "real", "float", "double precision"];
const STRINGS = ["varchar", "character varying", "char", "character"];

const POSTGRESQL = new Map<string, string>([
  ...NUMBERS.map((t) => [t, "0"] as const),
  ...["int2", "int4", "int8", "float4", "float8", "money"].map((t) => [t, "0"] as const),
  ...["boolean", "bool"].map((t) => [t, "false"] as const),
  ...[...STRINGS, "text", "bpchar", "citext", "name", "bytea", "tsvector"].map((t) => [t, "''"] as const),
  ["uuid", "'00000000-0000-0000-0000-000000000000'"],
  ...["json", "jsonb"].map((t) => [t, "'{}'"] as const),
  ...["timestamp", "timestamp without time zone", "timestamptz", "timestamp with time zone"].map((t) => [t, "CURRENT_TIMESTAMP"] as const),
  ["date", "CURRENT_DATE"],
  ...["time", "time without time zone"].map((t) => [t, "LOCALTIME"] as const),
  ...["timetz", "time with time zone"].map((t) => [t, "CURRENT_TIME"] as const),
  ["inet", "'0.0.0.0'"],
  ["cidr", "'0.0.0.0/0'"],
  ["macaddr", "'00:00:00:00:00:00'"],
  ...["int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange"].map((t) => [t, "'empty'"] as const),
]);

// MySQL gives TEXT, BLOB, JSON and DATE columns no literal default (only an expression one, from 8.0.13).
const MYSQL = new Map<string, string>([
  ...[...NUMBERS, "double", "tinyint", "mediumint"].map((t) => [t, "0"] as const),
  ...["boolean", "bool"].map((t) => [t, "false"] as const),
  ...[...STRINGS, "nvarchar", "nchar", "varbinary", "binary"].map((t) => [t, "''"] as const),
  ...["datetime", "timestamp"].map((t) => [t, "CURRENT_TIMESTAMP"] as const),
]);

// SQLite's ADD COLUMN takes only a constant default: no CURRENT_TIMESTAMP.
const SQLITE = new Map<string, string>([
  ...[...NUMBERS, "double", "tinyint", "mediumint"].map((t) => [t, "0"] as const),
  ...["boolean", "bool"].map((t) => [t, "false"] as const),
  ...[...STRINGS, "nvarchar", "nchar", "text", "clob"].map((t) => [t, "''"] as const),
  ["blob", "X''"],
  ["json", "'{}'"],
]);

interface ReadType {
  /** The name's parts (`schema`, `name`), quotes removed. */
  readonly name: readonly string[];
  readonly quoted: boolean;
  /** The words outside parentheses: `timestamp with time zone`. */
  readonly words: readonly string[];
  readonly array: boolean;
  /** The first number in parentheses: a length or a precision. */
  readonly size?: number;
  /** A MySQL `enum('a', 'b')` written inline. */
  readonly labels?: readonly string[];
}

/** Reads the normalized type text the operations carry (`varchar(255)`, `"OrderStatus"[]`, `enum('a','b')`). */
function readType(text: string, dialect: SqlDialect): ReadType | undefined {
  const words: string[] = [];
  const strings: string[] = [];
  let quoted = false;
  let dotted = false;
  let array = false;
  let size: number | undefined;
  let depth = 0;
  for (const token of lexSql(text, dialect)) {
    const raw = text.slice(token.start, token.end);
    if (token.kind === "punct") {
      if (raw === "(") depth++;
      else if (raw === ")") depth--;
      else if (raw === "[" && depth === 0) array = true;
      else if (raw === "." && depth === 0) dotted = true;
      continue;
    }
    if (depth > 0) {
      if (token.kind === "number") size ??= Number(raw);
      if (token.kind === "string") strings.push(unquoteString(raw));
      continue;
    }
    if (token.kind === "word") {
      const lower = raw.toLowerCase();
      if (lower === "array") array = true;
      else if (lower !== "unsigned" && lower !== "zerofill") words.push(raw);
    } else if (token.kind === "quoted") {
      quoted = true;
      words.push(raw.slice(1, -1).replace(/""/g, '"'));
    } else return undefined;
  }
  // `schema.name` or a quoted name: its parts; else the words make one name (`double precision`).
  const name = dotted || quoted ? words : [words.join(" ")];
  const isEnum = dialect === "mysql" && words.length === 1 && words[0]?.toLowerCase() === "enum";
  return { name, quoted, words, array, ...(size !== undefined ? { size } : {}), ...(isEnum ? { labels: strings } : {}) };
}

function unquoteString(raw: string): string {
  const quote = raw[0] ?? "'";
  return raw.slice(1, -1).split(quote + quote).join(quote);
}

/** The first label of an enum type the replay holds; none for an enum whose labels are not known. */
function enumLabel(name: readonly string[], enums: ReadonlyMap<string, EnumState>): string | undefined {
  const last = name[name.length - 1];
  if (last === undefined) return undefined;
  const schema = name.length > 1 ? name[name.length - 2] : undefined;
  const keys = schema && schema !== "public" ? [`${schema}.${last}`] : [last, `public.${last}`];
  for (const key of keys) {
    const found = enums.get(key);
    if (found) return found.values[0];
  }
  return undefined;
}

function sqlString(value: string, dialect: SqlDialect): string {
  const escaped = value.replace(/'/g, "''");
  return `'${dialect === "mysql" ? escaped.replace(/\\/g, "\\\\") : escaped}'`;
}
