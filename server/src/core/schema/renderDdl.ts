import * as path from "node:path";
import type { QualifiedName } from "./operations";
import type { ColumnState, ConstraintState, FunctionState, Provenance, SchemaState, SequenceState, TableState } from "./schemaState";
import { displayName, tableKey } from "./schemaState";
import { implicitSequence } from "./applySequence";
import { defaultConstraintName, objectName } from "./postgresConstraintName";
import { integerType } from "./sequenceTypes";
import { sqlColumnName, sqlIdentifier, sqlTableName } from "../sql/sqlIdentifier";
import { columnDefinition, createIndexSql, foreignKeySql, indexDefinitionOf, keyConstraintSql, sqlString } from "./ddlClauses";

/** One statement of the replayed schema's DDL, and the object whose catalog entries it makes. */
export interface DdlStatement {
  readonly sql: string;
  readonly kind: "schema" | "extension" | "type" | "function" | "sequence" | "table" | "index" | "foreign key";
  /** The type, or the table (for a table, its indexes, foreign keys and owned sequences) it makes or belongs to; an unowned sequence. */
  readonly object?: QualifiedName;
  /** A foreign key's referenced table. */
  readonly references?: QualifiedName;
  /** What a CREATE SEQUENCE or CREATE FUNCTION makes: DDL elsewhere (a default, an index) may name it. */
  readonly defines?: QualifiedName;
  /** Tables it needs created first (a function taking a table's row type). */
  readonly needs?: readonly QualifiedName[];
}

/**
 * The replayed schema as SQL DDL that PostgreSQL loads as it is, each object annotated with the
 * revisions that made it: schemas, then types, then tables with their indexes, then the foreign
 * keys once every table they name exists. What the replay does not know (a table made outside
 * the migrations, a column's type) is a comment, never a guess.
 */
export function renderDdl(state: SchemaState, heading: string, relativeTo: string): string {
  return renderDdlStatements(state, heading, relativeTo).text;
}

/** The DDL's text, and its statements one by one with the object each makes. */
export function renderDdlStatements(state: SchemaState, heading: string, relativeTo: string): { text: string; statements: DdlStatement[] } {
  const where = (p: Provenance): string => (p.revision === "external" ? "declared external" : p.file === "" ? p.revision : `${p.revision} (${path.relative(relativeTo, p.file) || p.file}:${p.range.start.line + 1})`);
  const out: string[] = [`-- ${heading}`, "-- Replayed by Migration Lens from the migration files; nothing was run.", ""];
  const statements: DdlStatement[] = [];
  const statement = (item: DdlStatement): string => {
    statements.push(item);
    return `${item.sql};`;
  };
  const byName = <T extends { name: QualifiedName }>(items: Iterable<T>): T[] => [...items].sort((a, b) => displayName(a.name).localeCompare(displayName(b.name)));
  // A tool's or framework's table no migration touched is not part of what the migrations describe.
  const tables = byName(state.tables.values()).filter((table) => table.providedBy === undefined || table.changed.file !== "");
  const enums = byName(state.enums.values());
  const schemas = new Set([...enums, ...tables].map((item) => item.name.schema).filter((schema): schema is string => !!schema && schema !== "public"));
  for (const schema of [...schemas].sort()) out.push(statement({ kind: "schema", sql: `CREATE SCHEMA IF NOT EXISTS ${sqlIdentifier(schema)}` }), "");
  // What an extension adds (types such as citext, functions) is not modelled: the tables may need it.
  for (const extension of [...state.extensions].sort()) out.push(statement({ kind: "extension", sql: `CREATE EXTENSION IF NOT EXISTS ${sqlIdentifier(extension)}` }), "");
  for (const type of enums) {
    out.push(`-- created by ${where(type.created)}`);
    out.push(statement({ kind: "type", object: type.name, sql: `CREATE TYPE ${sqlTableName(type.name)} AS ENUM (${type.values.map(sqlString).join(", ")})` }), "");
  }
  // Domains as written: types columns may have.
  for (const domain of byName(state.domains.values())) {
    out.push(`-- created by ${where(domain.created)}`);
    out.push(statement({ kind: "type", object: domain.name, sql: domain.sql }), "");
  }
  // Functions as written, before the tables whose indexes, defaults and checks may call them (their bodies are not checked until they run).
  if (state.functions.size > 0) out.push("-- Function bodies are checked when they run, as pg_dump's output has them.", "SET check_function_bodies = false;", "");
  // In the order the migrations created them: a SQL-standard body (`RETURN …`) is checked as it is
  // created, calls and all. One whose signature takes a table's row type comes after the tables.
  const rowTypes = (fn: FunctionState): QualifiedName[] => (fn.signatureTypes ?? []).flatMap((t) => { const table = state.table(t); return table ? [table.name] : []; });
  const renderFunction = (fn: FunctionState): void => {
    const needs = rowTypes(fn);
    out.push(`-- created by ${where(fn.created)}`);
    out.push(statement({ kind: "function", object: fn.name, defines: fn.name, sql: fn.sql, ...(needs.length > 0 ? { needs } : {}) }), "");
  };
  const functions = [...state.functions.values()];
  functions.filter((fn) => rowTypes(fn).length === 0).forEach(renderFunction);
  // Sequences made by CREATE SEQUENCE come before the tables whose defaults draw from them.
  const sequences = byName(state.sequences.values());
  const ownerOf = (sequence: SequenceState): TableState | undefined => (sequence.owner ? state.tables.get(sequence.owner.table) : undefined);
  for (const sequence of sequences.filter((s) => s.implicit === undefined)) {
    out.push(`-- created by ${where(sequence.created)}`);
    out.push(statement({ kind: "sequence", object: ownerOf(sequence)?.name ?? sequence.name, defines: sequence.name, sql: `CREATE SEQUENCE ${sqlTableName(sequence.name)} AS ${sequence.type}` }), "");
  }
  for (const table of tables) out.push(...renderTable(table, where, statement, state), "");
  functions.filter((fn) => rowTypes(fn).length > 0).forEach(renderFunction);
  const partitions = tables.flatMap((table) => renderPartition(table, state, statement));
  if (partitions.length > 0) out.push("-- Partitions, made once their parent exists.", ...partitions, "");
  const owned = sequences.flatMap((sequence) => {
    const owner = ownerOf(sequence);
    if (sequence.implicit !== undefined || !owner || !sequence.owner || !created(owner)) return [];
    return [statement({ kind: "sequence", object: owner.name, sql: `ALTER SEQUENCE ${sqlTableName(sequence.name)} OWNED BY ${sqlColumnName({ table: owner.name, column: sequence.owner.column })}` })];
  });
  if (owned.length > 0) out.push("-- Sequences owned by a column (dropped with it).", ...owned, "");
  const keys = tables.flatMap((table) => table.constraints.filter((c) => c.kind === "foreign_key" && c.references).map((c) => renderForeignKey(table, c, state, statement)));
  if (keys.length > 0) out.push("-- Foreign keys, added once every table they name exists.", ...keys, "");
  for (const view of byName(state.views.values())) {
    out.push(`-- view ${sqlTableName(view.name)}, created by ${where(view.created)}`, "");
  }
  return { text: out.join("\n").replace(/\n+$/, "\n"), statements };
}

/** A table as CREATE TABLE with its columns, keys and checks (foreign keys come later), then its indexes. */
function renderTable(table: TableState, where: (p: Provenance) => string, statement: (item: DdlStatement) => string, state: SchemaState): string[] {
  const name = sqlTableName(table.name);
  if (!created(table)) {
    if (table.providedBy !== undefined) return [`-- ${name}: made by ${table.providedBy}, not by the migrations; its columns are not modelled`];
    if (table.external) return [`-- ${name}: declared external (created outside migrations); its columns are not known`];
    return [`-- ${name}: used by ${where(table.created)} but never created by a migration; its columns are not known`];
  }
  // A type the analysis only named after a project's class is not SQL PostgreSQL knows.
  const known = (c: ColumnState): boolean => c.type !== undefined && !c.typeGuessed;
  const unknownTypes = [...table.columns.values()].filter((c) => !known(c)).map((c) => c.name);
  const lines = [...table.columns.values()].filter(known).map((c) => `  ${columnDefinition(c)}`);
  const typed = (columns: readonly string[]): boolean => columns.every((column) => !unknownTypes.includes(column));
  // A check added NOT VALID stays so only when added by ALTER TABLE (CREATE TABLE validates it).
  const notValid: string[] = [];
  for (const c of table.constraints) {
    const clause = typed(c.columns) ? keyConstraintSql({ ...c, name: constraintName(table, c) }) : undefined;
    if (clause === undefined) continue;
    if (c.kind === "check" && c.notValid) notValid.push(`ALTER TABLE ${name} ADD ${clause} NOT VALID`);
    else lines.push(`  ${clause}`);
  }
  // A partition takes its parent's columns: it is made once its parent exists (see renderPartition).
  if (table.partitionOf) return [];
  const out = [
    `-- created by ${where(table.created)}${table.changed !== table.created ? `; last changed by ${where(table.changed)}` : ""}`,
    ...(table.columnsKnown ? [] : ["-- only the columns the migrations add are listed: its others are not known"]),
    ...(unknownTypes.length > 0 ? [`-- left out, their types are not known: ${unknownTypes.map(sqlIdentifier).join(", ")}`] : []),
    statement({ kind: "table", object: table.name, sql: [`CREATE TABLE ${name} (`, ...(lines.length > 0 ? [lines.join(",\n")] : []), `)${table.partitionBy ? ` PARTITION BY ${table.partitionBy}` : ""}`].join("\n") }),
    ...implicitSequences(table, state).map((sql) => statement({ kind: "sequence", object: table.name, sql })),
    ...notValid.map((sql) => statement({ kind: "table", object: table.name, sql })),
  ];
  for (const index of table.indexes) {
    // Plain columns, or the keys, method and predicate as SQL; anything else is only described.
    const definition = indexDefinitionOf(index);
    if (!definition || !typed(index.columns)) {
      out.push(`-- index ${index.name ? `${sqlIdentifier(index.name)} ` : "(unnamed) "}on ${name}: ${[...index.columns.map(sqlIdentifier), index.detail].filter(Boolean).join(" ")} (not known as SQL)`);
      continue;
    }
    out.push(statement({ kind: "index", object: table.name, sql: createIndexSql(index, table.name, definition) }));
  }
  return out;
}

/** CREATE TABLE … PARTITION OF parent FOR VALUES …, or a comment when the parent is not created here. */
function renderPartition(table: TableState, state: SchemaState, emit: (item: DdlStatement) => string): string[] {
  if (!table.partitionOf) return [];
  const parent = state.tables.get(table.partitionOf.parent);
  const name = sqlTableName(table.name);
  if (!parent || !created(parent)) return [`-- ${name}: a partition of a table the migrations do not create (${table.partitionOf.bound})`];
  return [emit({ kind: "table", object: table.name, needs: [parent.name], sql: `CREATE TABLE ${name} PARTITION OF ${sqlTableName(parent.name)} ${table.partitionOf.bound}` })];
}

/**
 * A serial or identity column's sequence, made by CREATE TABLE under PostgreSQL's name for it: renamed
 * where it kept an older name (the table or column was renamed since), and given its own type where
 * the column's changed (a serial column altered to bigint keeps an integer sequence).
 */
function implicitSequences(table: TableState, state: SchemaState): string[] {
  const out: string[] = [];
  for (const column of table.columns.values()) {
    if (column.type === undefined || column.typeGuessed) continue;
    const sequence = implicitSequence(state, tableKey(table.name), column.name);
    if (!sequence) continue;
    const madeAs = { ...table.name, name: objectName(table.name.name, column.name, "seq") };
    if (madeAs.name !== sequence.name.name) out.push(`ALTER SEQUENCE ${sqlTableName(madeAs)} RENAME TO ${sqlIdentifier(sequence.name.name)}`);
    const columnType = integerType(column.type);
    if (columnType !== undefined && columnType !== sequence.type) out.push(`ALTER SEQUENCE ${sqlTableName(sequence.name)} AS ${sequence.type}`);
  }
  return out;
}

/** ALTER TABLE … ADD FOREIGN KEY, or a comment when a table it names is not created here. */
function renderForeignKey(table: TableState, c: ConstraintState, state: SchemaState, emit: (item: DdlStatement) => string): string {
  const target = c.references as NonNullable<ConstraintState["references"]>;
  const referenced = state.table(target.table);
  const sql = `ALTER TABLE ${sqlTableName(table.name)} ADD ${foreignKeySql(constraintName(table, c), c.columns, target)}${c.notValid ? " NOT VALID" : ""}`;
  const statement = `${sql};`;
  const known = (t: TableState, columns: readonly string[]): boolean => columns.every((column) => t.columns.get(column)?.type !== undefined && !t.columns.get(column)?.typeGuessed);
  if (target.clauses === null) return `-- ${statement} (its ON DELETE / ON UPDATE clauses are not known)`;
  if (!created(table) || !known(table, c.columns)) return `-- ${statement} (a column of ${sqlTableName(table.name)} is not known)`;
  if (!referenced || !created(referenced) || !known(referenced, target.columns)) return `-- ${statement} (${sqlTableName(target.table)} is not created by the migrations)`;
  return emit({ kind: "foreign key", object: table.name, references: referenced.name, sql });
}

/**
 * The constraint's name, or the one PostgreSQL gave it unnamed where loading the DDL now would
 * give another (the table or a column was renamed since: PostgreSQL keeps the old name).
 */
function constraintName(table: TableState, c: ConstraintState): string | undefined {
  if (c.name !== undefined || c.generatedName === undefined) return c.name;
  return c.generatedName === defaultConstraintName(table.name.name, c) ? undefined : c.generatedName;
}

/** Whether the migrations create the table, so its CREATE TABLE is printed. */
function created(table: TableState): boolean {
  if (table.columns.size > 0) return true;
  return table.providedBy === undefined && !table.external && !table.assumed;
}
