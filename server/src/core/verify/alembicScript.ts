import type { RevisionFile } from "../alembic/revisionFile";
import { maskBindParameters } from "../alembic/bindParameters";
import type { ColumnSpec, ConstraintSpec, ExecutedSql, ForeignKeyTarget, Operation } from "../schema/operations";
import { sqlColumnName, sqlIdentifier, sqlTableName } from "../sql/sqlIdentifier";
import { columnDefinition, createIndexSql, foreignKeySql, indexDefinitionOf, keyConstraintSql, sqlString } from "../schema/ddlClauses";
import type { NotVerifiable, RevisionScript, ScriptStatement } from "./revisionScript";

/**
 * An Alembic revision's upgrade or downgrade as the PostgreSQL DDL Alembic's offline mode
 * (`alembic upgrade --sql`) would print: `op.*` operations rendered here, `op.execute` SQL as
 * written. No Python runs; what cannot be rendered is listed, never guessed.
 */
export function alembicScript(file: RevisionFile, direction: "upgrade" | "downgrade"): RevisionScript {
  const block = direction === "upgrade" ? file.upgrade : file.downgrade;
  const statements: ScriptStatement[] = [];
  const notVerifiable: NotVerifiable[] = [];
  if (!block) return { statements, notVerifiable };
  // Several op.execute calls that read as no operation start at the same index: keep them all, in order.
  const executed = new Map<number, ExecutedSql[]>();
  for (const sql of block.executedSql ?? []) executed.set(sql.first, [...(executed.get(sql.first) ?? []), sql]);
  const operations = block.operations;
  const at = (range: ScriptStatement["range"]) => (): ScriptStatement["range"] => range;
  for (let index = 0; index <= operations.length; index++) {
    // SQL of op.execute goes as written, in place of the operations read from it.
    let skip = 0;
    for (const sql of executed.get(index) ?? []) {
      if (sql.count > 0 && operations[sql.first]?.conditional) notVerifiable.push({ file: file.path, range: sql.range, reason: CONDITIONAL, ...tablesOf(operations[sql.first] as Operation) });
      else if (maskBindParameters(sql.sql, "postgresql") !== sql.sql) notVerifiable.push({ file: file.path, range: sql.range, reason: "the SQL binds parameters given at run time" });
      else statements.push({ sql: sql.sql, file: file.path, range: sql.range, at: at(sql.range) });
      skip += sql.count;
    }
    if (skip > 0) {
      index += skip - 1;
      continue;
    }
    const op = operations[index];
    if (!op) continue;
    // Every branch of an if / else the analysis cannot decide would run one after another: none is sent.
    if (op.conditional) {
      notVerifiable.push({ file: file.path, range: op.range, reason: CONDITIONAL, ...tablesOf(op) });
      continue;
    }
    const rendered = renderOperation(op);
    if (typeof rendered === "string") statements.push({ sql: rendered, file: file.path, range: op.range, at: at(op.range) });
    else if (rendered.length > 0) statements.push(...rendered.map((text) => ({ sql: text, file: file.path, range: op.range, at: at(op.range) })));
    else notVerifiable.push({ file: file.path, range: op.range, reason: whyNot(op), ...tablesOf(op), ...(op.kind === "data_change" ? { changesSchema: false } : {}) });
  }
  return { statements, notVerifiable };
}

const CONDITIONAL = "it runs only under a condition the analysis cannot evaluate";

/** The statement(s) for one operation; an empty list when it cannot be rendered. */
export function renderOperation(op: Operation): string | string[] {
  switch (op.kind) {
    case "create_table": {
      if (op.columnsIncomplete || !op.columns.every(renderable)) return [];
      const lines = op.columns.map((c) => `  ${columnDefinition(c)}`);
      const keys = op.columns.filter((c) => c.primaryKey).map((c) => c.name);
      if (keys.length > 0 && !op.constraints.some((c) => c.kind === "primary_key")) lines.push(`  PRIMARY KEY (${keys.map(sqlIdentifier).join(", ")})`);
      for (const c of op.columns) if (c.unique) lines.push(`  UNIQUE (${sqlIdentifier(c.name)})`);
      for (const c of op.columns) {
        if (c.references && !c.references.deferred) {
          const clause = foreignKey({ kind: "foreign_key", columns: [c.name], references: c.references, ...(c.references.name ? { name: c.references.name } : {}) });
          if (clause === undefined) return [];
          lines.push(`  ${clause}`);
        }
      }
      for (const c of op.constraints) {
        const clause = constraintClause(c);
        if (clause === undefined) return [];
        lines.push(`  ${clause}`);
      }
      const deferred = op.columns.filter((c) => c.references?.deferred).map((c) => foreignKey({ kind: "foreign_key", columns: [c.name], references: c.references as ForeignKeyTarget }));
      if (deferred.some((d) => d === undefined)) return [];
      return [`CREATE TABLE ${sqlTableName(op.table)} (\n${lines.join(",\n")}\n)`, ...deferred.map((d) => `ALTER TABLE ${sqlTableName(op.table)} ADD ${d}`)];
    }
    case "drop_table":
      return `DROP TABLE ${sqlTableName(op.table)}${op.cascade ? " CASCADE" : ""}`;
    case "rename_table":
      return `ALTER TABLE ${sqlTableName(op.table)} RENAME TO ${sqlIdentifier(op.newName)}`;
    case "add_column": {
      if (!renderable(op.column)) return [];
      const table = sqlTableName(op.table);
      const out = [`ALTER TABLE ${table} ADD COLUMN ${columnDefinition(op.column)}`];
      if (op.column.references) {
        const key = foreignKey({ kind: "foreign_key", columns: [op.column.name], references: op.column.references, ...(op.column.references.name ? { name: op.column.references.name } : {}) });
        if (key === undefined) return [];
        out.push(`ALTER TABLE ${table} ADD ${key}`);
      }
      if (op.column.unique) out.push(`ALTER TABLE ${table} ADD UNIQUE (${sqlIdentifier(op.column.name)})`);
      return out;
    }
    case "drop_column":
      return `ALTER TABLE ${sqlTableName(op.table)} DROP COLUMN ${sqlIdentifier(op.column)}`;
    case "alter_column": {
      const table = `ALTER TABLE ${sqlTableName(op.table)}`;
      const column = sqlIdentifier(op.column);
      const out: string[] = [];
      if (op.type !== undefined) {
        if (op.typeGuessed || !validType(op.type)) return [];
        out.push(`${table} ALTER COLUMN ${column} TYPE ${op.type}${op.using ? ` USING ${op.using}` : ""}`);
      }
      if (op.nullable !== undefined) out.push(`${table} ALTER COLUMN ${column} ${op.nullable ? "DROP" : "SET"} NOT NULL`);
      if (op.default === null) out.push(`${table} ALTER COLUMN ${column} DROP DEFAULT`);
      else if (op.default !== undefined) out.push(`${table} ALTER COLUMN ${column} SET DEFAULT ${op.default}`);
      if (op.identity === null) out.push(`${table} ALTER COLUMN ${column} DROP IDENTITY`);
      else if (op.identity !== undefined) out.push(`${table} ALTER COLUMN ${column} ADD ${op.identity}`);
      if (op.newName !== undefined) out.push(`${table} RENAME COLUMN ${column} TO ${sqlIdentifier(op.newName)}`);
      return out.length > 0 ? out : "SELECT 1";
    }
    case "create_index": {
      const definition = indexDefinitionOf(op);
      return definition ? createIndexSql(op, op.table, definition) : [];
    }
    case "drop_index": {
      const schema = op.schema ?? op.table?.schema;
      return `DROP INDEX ${op.concurrently ? "CONCURRENTLY " : ""}${sqlTableName(schema ? { schema, name: op.name } : { name: op.name })}`;
    }
    case "add_constraint": {
      const clause = constraintClause(op.constraint);
      return clause === undefined ? [] : `ALTER TABLE ${sqlTableName(op.table)} ADD ${clause}${op.notValid ? " NOT VALID" : ""}`;
    }
    case "drop_constraint":
      return `ALTER TABLE ${sqlTableName(op.table)} DROP CONSTRAINT ${sqlIdentifier(op.name)}`;
    case "validate_constraint":
      return `ALTER TABLE ${sqlTableName(op.table)} VALIDATE CONSTRAINT ${sqlIdentifier(op.name)}`;
    case "create_enum":
      return `CREATE TYPE ${sqlTableName(op.type)} AS ENUM (${op.values.map(sqlString).join(", ")})`;
    case "add_enum_value":
      return `ALTER TYPE ${sqlTableName(op.type)} ADD VALUE ${sqlString(op.value)}${op.before !== undefined ? ` BEFORE ${sqlString(op.before)}` : op.after !== undefined ? ` AFTER ${sqlString(op.after)}` : ""}`;
    case "drop_type":
      return `DROP TYPE ${sqlTableName(op.type)}`;
    case "rename_type":
      return `ALTER TYPE ${sqlTableName(op.type)} RENAME TO ${sqlIdentifier(op.newName)}`;
    case "rename_index":
      return `ALTER INDEX ${sqlTableName(op.schema ? { schema: op.schema, name: op.name } : { name: op.name })} RENAME TO ${sqlIdentifier(op.newName)}`;
    case "rename_constraint":
      return `ALTER TABLE ${sqlTableName(op.table)} RENAME CONSTRAINT ${sqlIdentifier(op.name)} TO ${sqlIdentifier(op.newName)}`;
    case "drop_view":
      return `DROP VIEW ${sqlTableName(op.view)}`;
    case "rename_enum_value":
      return `ALTER TYPE ${sqlTableName(op.type)} RENAME VALUE ${sqlString(op.value)} TO ${sqlString(op.newValue)}`;
    case "create_sequence":
      return `CREATE SEQUENCE ${sqlTableName(op.sequence)} AS ${op.type}${op.ownedBy ? ` OWNED BY ${sqlColumnName(op.ownedBy)}` : ""}`;
    case "alter_sequence": {
      const name = sqlTableName(op.sequence);
      return [
        ...(op.type !== undefined ? [`ALTER SEQUENCE ${name} AS ${op.type}`] : []),
        ...(op.ownedBy !== undefined ? [`ALTER SEQUENCE ${name} OWNED BY ${op.ownedBy ? sqlColumnName(op.ownedBy) : "NONE"}`] : []),
        ...(op.newName !== undefined ? [`ALTER SEQUENCE ${name} RENAME TO ${sqlIdentifier(op.newName)}`] : []),
      ];
    }
    case "drop_sequence":
      return `DROP SEQUENCE ${sqlTableName(op.sequence)}`;
    case "create_function":
    case "create_domain":
      return op.sql;
    case "drop_domain":
      return `DROP DOMAIN ${sqlTableName(op.domain)}`;
    case "drop_function":
      return `DROP FUNCTION ${sqlTableName(op.function)}`;
    case "create_view":
    case "call":
    case "data_change":
    case "outside_transaction":
    case "unknown":
      return [];
  }
}

function tablesOf(op: Operation): { tables?: string[] } {
  const table = "table" in op ? op.table : "view" in op ? op.view : undefined;
  return table ? { tables: [`${table.schema ?? "public"}.${table.name}`] } : {};
}

function whyNot(op: Operation): string {
  switch (op.kind) {
    case "unknown":
      return op.reason;
    case "create_view":
      return "a view's definition is not rendered";
    case "data_change":
      return "a SQLAlchemy data statement is not rendered";
    case "create_index":
      return "the index's expressions are not known as SQL";
    case "add_constraint":
      return "a key or clause of it is not known as SQL";
    case "create_table":
    case "add_column": {
      const columns = op.kind === "create_table" ? op.columns : [op.column];
      const unknown = columns.find((c) => !renderable(c));
      return unknown ? `the type of column '${unknown.name}' (${unknown.type ?? "not read"}) is not known as PostgreSQL SQL` : "a key or clause of it is not known as SQL";
    }
    case "alter_column":
      return `its type (${op.type ?? "not read"}) is not known as PostgreSQL SQL`;
    default:
      return `its ${op.kind.replace(/_/g, " ")} is not rendered`;
  }
}

function renderable(c: ColumnSpec): boolean {
  return c.type !== undefined && !c.typeGuessed && (c.enumType !== undefined || validType(c.type));
}

// PostgreSQL's own types and those of the extensions PGlite ships or migrations commonly create:
// anything else (a project's TypeDecorator, `GUID`) is not known as SQL.
const KNOWN_TYPES = new Set(
  (
    "smallint integer bigint int int2 int4 int8 serial bigserial smallserial serial4 serial8 real float float4 float8 numeric decimal money text varchar char character " +
    "bpchar bytea boolean bool date time timetz timestamp timestamptz interval uuid json jsonb xml inet cidr macaddr macaddr8 tsvector tsquery point line lseg box path " +
    "polygon circle bit varbit oid int4range int8range numrange tsrange tstzrange daterange citext hstore ltree vector geometry geography"
  ).split(" "),
);
const KNOWN_PHRASES = ["double precision", "character varying", "bit varying", "timestamp with time zone", "timestamp without time zone", "time with time zone", "time without time zone"];

/** A type the renderer can name: PostgreSQL's, with its size and array brackets. */
function validType(type: string): boolean {
  const base = type.replace(/\[\]/g, "").replace(/\s*\([^)]*\)/g, "").trim();
  return KNOWN_TYPES.has(base) || KNOWN_PHRASES.includes(base);
}

function constraintClause(c: ConstraintSpec): string | undefined {
  return c.kind === "foreign_key" ? foreignKey(c) : keyConstraintSql(c);
}

/** A foreign key Alembic would write: its referenced columns and clauses known. */
function foreignKey(c: ConstraintSpec): string | undefined {
  const target = c.references;
  if (!target || target.clauses === null || target.columns.length === 0) return undefined;
  return foreignKeySql(c.name, c.columns, target);
}
