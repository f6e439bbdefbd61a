import type { SqlDialect } from "../../schema/sqlContract";
import { bindArguments } from "./args";
import { dottedName, methodCall, readBoolean, readNumber, readString, type StringValue } from "./literals";
import { resolve, type Ref } from "./scope";

/** A column type as SQL-ish text, and the enum type it stands for when it is one. */
export interface ColumnType {
  readonly text: string;
  readonly enum?: EnumType;
  /** Named after a class the analysis does not know (a project's TypeDecorator): not SQL to run. */
  readonly guessed?: true;
}

/** SQLAlchemy's and its dialects' upper-case types, as imported bare (`from sqlalchemy.dialects.postgresql import TSVECTOR`): any other bare name is a project's class (`GUID`). */
const SQLALCHEMY_UPPER_TYPES = new Set(
  (
    "ARRAY BIGINT BINARY BIT BLOB BOOLEAN BYTEA CHAR CIDR CITEXT CLOB DATE DATERANGE DATETIME DECIMAL DOUBLE DOUBLE_PRECISION ENUM FLOAT HSTORE INET INT INT4RANGE " +
    "INT8RANGE INTEGER INTERVAL JSON JSONB JSONPATH LONGBLOB LONGTEXT MACADDR MACADDR8 MEDIUMBLOB MEDIUMINT MEDIUMTEXT MONEY NCHAR NUMERIC NUMRANGE NVARCHAR OID REAL " +
    "REGCLASS REGCONFIG SET SMALLINT TEXT TIME TIMESTAMP TINYBLOB TINYINT TINYTEXT TSQUERY TSRANGE TSTZRANGE TSVECTOR UUID VARBINARY VARCHAR YEAR"
  ).split(" "),
);

/** Modules SQLAlchemy's types are written through (`sa.X`, `postgresql.X`, `sqlalchemy.dialects.mysql.X`). */
const SQLALCHEMY_MODULES = new Set(["sa", "sqlalchemy", "types", "sqltypes", "dialects", "postgresql", "postgres", "pg", "psql", "mysql", "sqlite", "mssql", "oracle"]);

export interface EnumType {
  readonly name?: StringValue;
  readonly schema?: string;
  /** Empty when the values come from a Python enum class. */
  readonly values: readonly string[];
  /** `op.create_table` issues CREATE TYPE for it first (PostgreSQL, native, not `create_type=False`). */
  readonly createdWithTable: boolean;
  /** A type of its own in the database (PostgreSQL, native), not a VARCHAR or MySQL's inline ENUM. */
  readonly ownType: boolean;
  readonly ref: Ref;
}

/** SQLAlchemy's generic types (CamelCase), as each dialect renders them. */
const GENERIC: Record<string, (dialect: SqlDialect) => string> = {
  Integer: () => "integer",
  BigInteger: () => "bigint",
  SmallInteger: () => "smallint",
  Text: () => "text",
  UnicodeText: () => "text",
  Boolean: () => "boolean",
  Date: () => "date",
  Interval: () => "interval",
  Float: () => "float",
  Double: () => "double precision",
  JSON: () => "json",
  LargeBinary: (d) => (d === "postgresql" ? "bytea" : "blob"),
  PickleType: (d) => (d === "postgresql" ? "bytea" : "blob"),
  Uuid: (d) => (d === "postgresql" ? "uuid" : "char(32)"),
  UUID: (d) => (d === "postgresql" ? "uuid" : "char(32)"),
  Geometry: () => "geometry",
  Geography: () => "geography",
};

const INTEGER_TYPES = new Set(["integer", "bigint", "smallint", "int", "tinyint", "mediumint"]);

export function isIntegerType(text: string | undefined): boolean {
  return text !== undefined && INTEGER_TYPES.has(text);
}

/** Renders `sa.String(255)` as `varchar(255)`, `postgresql.JSONB` as `jsonb`; unknown types as their dotted name. */
export function readColumnType(ref: Ref, dialect: SqlDialect): ColumnType | undefined {
  const target = resolve(ref);
  const { node, scope } = target;
  const text = scope.module.text;
  if (node.name === "CallExpression") {
    const method = methodCall(node, text);
    // `sa.JSON().with_variant(postgresql.JSONB(), "postgresql")`: the variant for this dialect.
    if (method && method.receiver.name === "CallExpression") {
      if (method.method === "with_variant") {
        const args = bindArguments(node, scope, ["type_", "dialect_name"]);
        const names = [args.get("dialect_name"), ...args.rest].flatMap((r) => (r ? [readString(r)?.value] : []));
        const variant = args.get("type_");
        if (variant && names.includes(dialect)) return readColumnType(variant, dialect);
      }
      return readColumnType({ node: method.receiver, scope }, dialect);
    }
  }
  const callee = node.name === "CallExpression" ? node.firstChild : node;
  const dotted = callee ? dottedName(callee, text) : undefined;
  const name = dotted?.[dotted.length - 1];
  if (!dotted || !name) return undefined;
  const call = node.name === "CallExpression" ? node : undefined;
  const arg = (position: number, keyword: string): Ref | undefined => {
    if (!call) return undefined;
    const names = Array.from({ length: position + 1 }, (_, i) => (i === position ? keyword : `#${i}`));
    return bindArguments(call, scope, names).get(keyword);
  };
  const number = (position: number, keyword: string): number | undefined => {
    const r = arg(position, keyword);
    return r ? readNumber(r) : undefined;
  };
  const flag = (position: number, keyword: string): boolean => {
    const r = arg(position, keyword);
    return r ? readBoolean(r) === true : false;
  };
  const sized = (base: string, size: number | undefined): string => (size === undefined ? base : `${base}(${size})`);
  const upper = name.toUpperCase();

  if (name === "Enum" || upper === "ENUM") return readEnum(target, name === "Enum", dialect);
  if (name === "ARRAY") {
    const item = arg(0, "item_type");
    const inner = item ? readColumnType(item, dialect) : undefined;
    return { text: `${inner?.text ?? "unknown"}[]`, ...(inner && !inner.guessed ? {} : { guessed: true }) };
  }
  if (name === "String" || name === "Unicode" || upper === "VARCHAR") return { text: sized("varchar", number(0, "length")) };
  if (upper === "NVARCHAR" || upper === "CHAR" || upper === "NCHAR" || upper === "VARBINARY" || upper === "BINARY") {
    return { text: sized(upper === "NVARCHAR" ? "nvarchar" : name.toLowerCase(), number(0, "length")) };
  }
  if (upper === "CHARACTER") return { text: sized("char", number(0, "length")) };
  if (name === "Numeric" || upper === "NUMERIC" || upper === "DECIMAL") {
    const precision = number(0, "precision");
    const scale = number(1, "scale");
    const base = upper === "DECIMAL" ? "decimal" : "numeric";
    return { text: precision === undefined ? base : scale === undefined ? `${base}(${precision})` : `${base}(${precision},${scale})` };
  }
  if (name === "DateTime") {
    if (dialect !== "postgresql") return { text: "datetime" };
    return { text: flag(0, "timezone") ? "timestamptz" : "timestamp" };
  }
  if (upper === "TIMESTAMP") return { text: flag(0, "timezone") && dialect === "postgresql" ? "timestamptz" : "timestamp" };
  if (name === "Time" || upper === "TIME") return { text: flag(0, "timezone") && dialect === "postgresql" ? "timetz" : "time" };
  if (name === "Vector" || upper === "VECTOR") return { text: sized("vector", number(0, "dim")) };
  if (upper === "DOUBLE_PRECISION" || upper === "DOUBLE") return { text: "double precision" };
  if (upper === "INT") return { text: "integer" };
  const generic = GENERIC[name];
  if (generic) return { text: generic(dialect) };
  // A dialect's own type (`postgresql.TSVECTOR`, `mysql.LONGTEXT`) is named as SQL names it.
  if (name === upper && /^[A-Z][A-Z0-9_]*$/.test(name)) {
    const known = dotted.length === 1 ? SQLALCHEMY_UPPER_TYPES.has(name) : dotted.slice(0, -1).every((part) => SQLALCHEMY_MODULES.has(part));
    return { text: name.toLowerCase(), ...(known ? {} : { guessed: true }) };
  }
  return { text: dotted.join(".").toLowerCase(), guessed: true };
}

/** `sa.Enum("a", "b", name="mood")`, `postgresql.ENUM(..., create_type=False)`, `sa.Enum(MyEnum)`. */
function readEnum(ref: Ref, generic: boolean, dialect: SqlDialect): { text: string; enum: EnumType } {
  const { node, scope } = ref;
  const args = node.name === "CallExpression" ? bindArguments(node, scope, []) : undefined;
  const rest = args?.rest ?? [];
  const strings = rest.map((r) => readString(r));
  const values = strings.every((s) => s !== undefined) ? strings.map((s) => s?.value ?? "") : [];
  const name = args?.get("name") ? readString(args.get("name") as Ref) : undefined;
  const schemaRef = args?.get("schema");
  const schema = schemaRef ? readString(schemaRef)?.value : undefined;
  const native = args?.get("native_enum") ? readBoolean(args.get("native_enum") as Ref) !== false : true;
  // `create_type` only means something to postgresql.ENUM; sa.Enum ignores it.
  const createType = !generic && args?.get("create_type") ? readBoolean(args.get("create_type") as Ref) !== false : true;
  const longest = values.reduce((n, v) => Math.max(n, v.length), 0);
  let text: string;
  if (!native || dialect === "sqlite") text = `varchar(${longest})`;
  else if (dialect === "mysql") text = `enum(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")})`;
  else text = name?.value ?? "enum";
  return {
    text,
    enum: {
      ...(name ? { name } : {}),
      ...(schema ? { schema } : {}),
      values,
      createdWithTable: dialect === "postgresql" && native && createType,
      ownType: dialect === "postgresql" && native,
      ref,
    },
  };
}
