import type { ColumnSpec, ConstraintSpec, Operation, QualifiedName } from "./operations";
import type { SqlDialect } from "./sqlContract";
import { qualifiedKey } from "./operations";
import { applyConditional } from "./applyConditional";
import { defaultConstraintName, postgresForeignKeyName, postgresPrimaryKeyName } from "./postgresConstraintName";
import { sqlIdentifier, sqlTableName } from "../sql/sqlIdentifier";
import { renameColumnInSql } from "../sql/renameColumnInSql";
import { addImplicitSequence, applySequenceOperation, columnChanged, dropOwned, followOwner, implicitSequence, notSerial } from "./applySequence";
import { ANY_NAME } from "./namePattern";
import { SchemaState, creationOf, tableKey, type ColumnState, type ConstraintState, type Provenance, type TableState } from "./schemaState";
import { ForkableMap } from "./forkableMap";

/** Applies one operation to the schema, as the database would; what it cannot apply it skips. */
export function applyOperation(state: SchemaState, op: Operation, at: Provenance, dialect: SqlDialect = "postgresql"): void {
  if (op.conditional) applyConditional(state, op, at, (certain) => applyOne(state, certain, at));
  else applyOne(state, op, at);
  if (dialect === "postgresql" && (op.kind === "create_table" || op.kind === "add_column" || op.kind === "add_constraint")) {
    nameForeignKeys(state, op.table, at);
    namePrimaryKey(state, op.table, at);
  }
  if (dialect === "postgresql" && (op.kind === "create_table" || op.kind === "add_column")) {
    const table = state.table(op.table);
    for (const column of op.kind === "create_table" ? op.columns : [op.column]) {
      if (table?.columns.get(column.name)?.created === at) addImplicitSequence(state, op.table, column, at);
    }
  }
  // MySQL backs every foreign key with an index named after the constraint; it outlives DROP FOREIGN KEY.
  if (dialect === "mysql" && (op.kind === "create_table" || op.kind === "add_constraint")) {
    const table = state.writable(op.table);
    for (const target of op.kind === "create_table" ? op.constraints : [op.constraint]) {
      if (table && target.kind === "foreign_key" && !table.indexes.some((i) => i.name !== undefined && i.name === target.name)) {
        table.indexes.push({ name: target.name, columns: target.columns, unique: false, created: at });
        if (target.name) state.indexOwners.set(indexKey(op.table.schema, target.name), tableKey(op.table));
      }
    }
  }
  state.settle();
}

function applyOne(state: SchemaState, op: Operation, at: Provenance): void {
  switch (op.kind) {
    case "create_table": {
      const key = tableKey(op.table);
      // A table only assumed (used before any CREATE, another set's, maybe there, a tool's) is replaced by the real one.
      const existing = state.tables.get(key);
      if (existing && !existing.assumed && !existing.sibling && !existing.maybe && existing.providedBy === undefined) return;
      const table: TableState = { name: op.table, columns: new ForkableMap(), indexes: [], constraints: [], external: false, columnsKnown: !op.columnsIncomplete, ...(op.partitionBy ? { partitionBy: op.partitionBy } : {}), ...(op.partitionOf ? { partitionOf: { parent: tableKey(op.partitionOf.parent), bound: op.partitionOf.bound } } : {}), created: at, changed: at };
      for (const column of op.columns) table.columns.set(column.name, columnState(column, at));
      for (const constraint of op.constraints) {
        table.constraints.push({ ...constraint, notValid: false, created: at });
        if (constraint.kind === "primary_key") for (const c of constraint.columns) setNotNull(table, c);
      }
      const keyColumns = op.columns.filter((c) => c.primaryKey).map((c) => c.name);
      if (keyColumns.length > 0 && !table.constraints.some((c) => c.kind === "primary_key")) {
        table.constraints.unshift({ kind: "primary_key", columns: keyColumns, notValid: false, created: at });
      }
      for (const column of op.columns) {
        if (column.unique) table.constraints.push({ kind: "unique", name: undefined, columns: [column.name], notValid: false, created: at });
        if (column.references) table.constraints.push({ kind: "foreign_key", name: column.references.name, columns: [column.name], references: column.references, notValid: false, created: at });
      }
      state.put(key, table);
      state.dropped.delete(key);
      state.droppedCreation.delete(key);
      return;
    }
    case "drop_table": {
      const key = tableKey(op.table);
      const table = state.tables.get(key);
      if (!table) return;
      // A partitioned table's partitions go with it.
      for (const partition of [...state.tables.values()]) if (partition.partitionOf?.parent === key) applyOne(state, { ...op, table: partition.name }, at);
      state.tables.delete(key);
      state.dropped.set(key, at);
      state.droppedCreation.set(key, creationOf(table));
      for (const [index, owner] of state.indexOwners) if (owner === key) state.indexOwners.delete(index);
      dropOwned(state, key);
      return;
    }
    case "rename_table": {
      const key = tableKey(op.table);
      const table = state.writable(key);
      if (!table) return;
      const renamed = { ...op.table, name: op.newName };
      const newKey = tableKey(renamed);
      keepConstraintNames(table);
      state.tables.delete(key);
      state.dropped.set(key, at);
      state.droppedCreation.set(key, creationOf(table));
      table.name = renamed;
      table.changed = at;
      state.put(newKey, table);
      state.dropped.delete(newKey);
      state.droppedCreation.delete(newKey);
      for (const [index, owner] of state.indexOwners) if (owner === key) state.indexOwners.set(index, newKey);
      followOwner(state, { table: key }, { table: newKey });
      renameReferencedTable(state, key, renamed);
      return;
    }
    case "add_column": {
      const table = state.writable(op.table);
      if (!table || table.columns.has(op.column.name)) return;
      table.columns.set(op.column.name, columnState(op.column, at));
      if (op.column.unique) table.constraints.push({ kind: "unique", name: undefined, columns: [op.column.name], notValid: false, created: at });
      if (op.column.references) table.constraints.push({ kind: "foreign_key", name: op.column.references.name, columns: [op.column.name], references: op.column.references, notValid: false, created: at });
      table.changed = at;
      return;
    }
    case "drop_column": {
      const table = state.writable(op.table);
      if (!table) return;
      table.columns.delete(op.column);
      dropOwned(state, tableKey(op.table), op.column);
      // PostgreSQL drops the indexes and constraints that involve the column, expressions included.
      table.indexes = table.indexes.filter((i) => !i.columns.includes(op.column) && !i.definition?.reads?.includes(op.column));
      table.constraints = table.constraints.filter((c) => !c.columns.includes(op.column));
      table.changed = at;
      return;
    }
    case "alter_column": {
      const table = state.writable(op.table);
      const previous = table?.columns.get(op.column);
      if (!table || !previous) return;
      // Replaced, not changed in place: other states may share the column object.
      const column: ColumnState = { ...previous, changed: at };
      if (op.type !== undefined) {
        column.type = op.type;
        if (op.typeGuessed) column.typeGuessed = true;
        else delete column.typeGuessed;
      }
      if (op.nullable !== undefined) column.nullable = op.nullable;
      if (op.default !== undefined) column.default = op.default ?? undefined;
      // A serial column given another default (or none) no longer draws from its sequence.
      if (op.default !== undefined && implicitSequence(state, tableKey(op.table), op.column)?.implicit === "serial") Object.assign(column, notSerial(column));
      columnChanged(state, tableKey(op.table), op.column, { ...(op.type !== undefined ? { type: op.type } : {}), defaultChanged: op.default !== undefined });
      if (op.identity !== undefined) changeIdentity(state, op.table, column, op.identity, at);
      table.columns.set(op.column, column);
      if (op.newName !== undefined && op.newName !== op.column) {
        const newName = op.newName;
        keepConstraintNames(table);
        table.columns = new ForkableMap([...table.columns].map(([name, c]) => (name === op.column ? [newName, { ...c, name: newName }] : [name, c])));
        renameInKeys(table, op.column, newName);
        followOwner(state, { table: tableKey(op.table), column: op.column }, { table: tableKey(op.table), column: newName });
        renameInReferences(state, tableKey(op.table), op.column, newName);
      }
      table.changed = at;
      return;
    }
    case "create_index": {
      const table = state.writable(op.table);
      if (!table) return;
      // The same name again (IF NOT EXISTS, or an error PostgreSQL reports): the index there stays.
      if (op.name !== undefined && table.indexes.some((i) => i.name === op.name)) return;
      table.indexes.push({ name: op.name, columns: op.columns, unique: op.unique, detail: op.detail, ...(op.definition ? { definition: op.definition } : {}), created: at });
      if (op.name) state.indexOwners.set(indexKey(op.table.schema, op.name), tableKey(op.table));
      table.changed = at;
      return;
    }
    case "drop_index": {
      const key = indexKey(op.schema ?? op.table?.schema, op.name);
      const owner = state.indexOwners.get(key);
      state.indexOwners.delete(key);
      const table = owner ? state.writable(owner) : undefined;
      if (table) {
        table.indexes = table.indexes.filter((i) => i.name !== op.name);
        // A unique constraint is backed by an index of the same name.
        table.changed = at;
      }
      return;
    }
    case "add_constraint": {
      const table = state.writable(op.table);
      if (!table) return;
      // A table has one primary key: PostgreSQL refuses a second, so a history that ran dropped the
      // first in a way the analysis did not follow.
      if (op.constraint.kind === "primary_key") table.constraints = table.constraints.filter((c) => c.kind !== "primary_key");
      const constraint = op.constraint.usingIndex === undefined ? op.constraint : takeIndex(state, table, op.constraint, op.constraint.usingIndex);
      table.constraints.push({ ...constraint, notValid: op.notValid, created: at });
      if (constraint.kind === "primary_key") for (const c of constraint.columns) setNotNull(table, c);
      table.changed = at;
      return;
    }
    case "drop_constraint": {
      const table = state.writable(op.table);
      if (!table) return;
      // An unnamed one PostgreSQL gave that name (`<table>_<col>_key`) when the analysis could not be sure of it then.
      const named = (c: ConstraintState): boolean => (c.name ?? c.generatedName ?? defaultConstraintName(table.name.name, c)) === op.name;
      // A name that matches nothing known may be an unnamed constraint's (a naming convention's): any of them may be gone.
      if (!table.constraints.some(named)) table.constraints = table.constraints.map((c) => (c.name === undefined ? { ...c, maybe: true } : c));
      table.constraints = table.constraints.filter((c) => !named(c));
      table.indexes = table.indexes.filter((i) => i.name !== op.name);
      table.changed = at;
      return;
    }
    case "validate_constraint": {
      const table = state.writable(op.table);
      if (table) table.constraints = table.constraints.map((c) => (c.name === op.name ? { ...c, notValid: false } : c));
      return;
    }
    case "create_enum":
      state.enums.set(tableKey(op.type), { name: op.type, values: [...op.values], created: at });
      return;
    case "add_enum_value": {
      const type = state.enums.get(tableKey(op.type));
      if (!type || type.values.includes(op.value)) return;
      const values = [...type.values];
      const anchor = op.before ?? op.after;
      const at = anchor === undefined ? -1 : values.indexOf(anchor);
      values.splice(at < 0 ? values.length : op.before !== undefined ? at : at + 1, 0, op.value);
      state.enums.set(tableKey(op.type), { ...type, values });
      return;
    }
    case "rename_enum_value": {
      const type = state.enums.get(tableKey(op.type));
      if (type) state.enums.set(tableKey(op.type), { ...type, values: type.values.map((v) => (v === op.value ? op.newValue : v)) });
      return;
    }
    case "drop_type":
      state.enums.delete(tableKey(op.type));
      return;
    case "create_domain":
      if (!state.domains.has(tableKey(op.domain))) state.domains.set(tableKey(op.domain), { name: op.domain, sql: op.sql, created: at });
      return;
    case "drop_domain":
      state.domains.delete(tableKey(op.domain));
      return;
    case "create_function":
      if (op.orReplace || !state.functions.has(tableKey(op.function))) state.functions.set(tableKey(op.function), { name: op.function, sql: op.sql, ...(op.signatureTypes ? { signatureTypes: op.signatureTypes } : {}), created: at });
      return;
    case "drop_function":
      state.functions.delete(tableKey(op.function));
      return;
    case "create_sequence":
    case "alter_sequence":
    case "drop_sequence":
      applySequenceOperation(state, op, at);
      return;
    case "rename_type":
      renameType(state, op.type, op.newName, at);
      return;
    case "rename_index":
      renameIndex(state, op.schema, op.name, op.newName, at);
      return;
    case "rename_constraint": {
      const table = state.writable(op.table);
      if (!table) return;
      const renamed = table.constraints.find((c) => (c.name ?? c.generatedName) === op.name);
      if (!renamed) return;
      table.constraints = table.constraints.map((c) => (c === renamed ? { ...c, name: op.newName } : c));
      // A primary key's or unique constraint's index is renamed with it.
      if (renamed.kind === "primary_key" || renamed.kind === "unique") renameIndex(state, op.table.schema, op.name, op.newName, at);
      table.changed = at;
      return;
    }
    case "create_view":
      state.views.set(qualifiedKey(op.view), { name: op.view, created: at });
      return;
    case "drop_view":
      state.views.delete(qualifiedKey(op.view));
      return;
    case "unknown":
      state.unreadOperations = true;
      if (op.extension?.dropped) state.extensions.delete(op.extension.name);
      else if (op.extension) state.extensions.add(op.extension.name);
      if (op.tables) state.addUncertainTables(op.tables);
      if (/\.create\(\)|create_all\(\)|\.upgrade\(\)/.test(op.reason)) state.unreadCreates = true;
      return;
    case "call":
      // A function the migrations made runs code the analysis does not read: any table may now exist (partitions it creates).
      if (op.functions.some((fn) => state.functions.has(tableKey(fn)))) {
        state.unreadOperations = true;
        state.addUncertainTables([{ name: ANY_NAME, may: "exist" }]);
      }
      return;
    case "data_change":
    case "outside_transaction":
      return;
  }
}

/**
 * Gives the unnamed foreign keys this operation created the names PostgreSQL chooses, one after
 * another as it does. PostgreSQL names them in the order written; the operation lists table-level
 * keys before column-level ones, so keys on the same columns that differ otherwise stay unnamed.
 */
function nameForeignKeys(state: SchemaState, name: QualifiedName, at: Provenance): void {
  const table = state.writable(name);
  if (!table) return;
  const created = table.constraints.filter((c) => c.kind === "foreign_key" && c.name === undefined && c.created === at);
  const target = (c: ConstraintState): string => JSON.stringify([c.references?.table, c.references?.columns, c.references?.clauses]);
  const ambiguous = (c: ConstraintState): boolean => created.some((o) => o.columns.join() === c.columns.join() && target(o) !== target(c));
  table.constraints.forEach((c, i) => {
    if (c.kind !== "foreign_key" || c.name !== undefined || c.created !== at || c.generatedName !== undefined || ambiguous(c)) return;
    const generatedName = postgresForeignKeyName(state, table.name, c.columns, at);
    if (generatedName) table.constraints[i] = { ...c, generatedName };
  });
}

/** The name PostgreSQL gives the primary key this operation added unnamed, so DROP CONSTRAINT "<table>_pkey" finds it. */
function namePrimaryKey(state: SchemaState, name: QualifiedName, at: Provenance): void {
  const table = state.tables.get(tableKey(name));
  const index = table?.constraints.findIndex((c) => c.kind === "primary_key" && c.name === undefined && c.generatedName === undefined && c.created === at) ?? -1;
  if (!table || index < 0) return;
  const generatedName = postgresPrimaryKeyName(state, table.name);
  const writable = generatedName ? state.writable(name) : undefined;
  const key = writable?.constraints[index];
  if (writable && key) writable.constraints[index] = { ...key, generatedName };
}

export function indexKey(schema: string | undefined, name: string): string {
  return schema && schema !== "public" ? `${schema}.${name}` : name;
}

function columnState(spec: ColumnSpec, at: Provenance): ColumnState {
  return {
    name: spec.name,
    type: spec.type,
    ...(spec.typeGuessed ? { typeGuessed: true } : {}),
    nullable: spec.primaryKey ? false : spec.nullable,
    default: spec.default,
    generated: spec.generated ?? false,
    ...(spec.generatedAs !== undefined ? { generatedAs: spec.generatedAs } : {}),
    created: at,
    changed: at,
  };
}

function setNotNull(table: TableState, column: string): void {
  const state = table.columns.get(column);
  if (state && state.nullable) table.columns.set(column, { ...state, nullable: false });
}

/** ADD GENERATED … AS IDENTITY makes the column's sequence; SET GENERATED changes its kind; DROP IDENTITY drops both. */
function changeIdentity(state: SchemaState, table: QualifiedName, column: ColumnState, identity: string | null, at: Provenance): void {
  const sequence = implicitSequence(state, tableKey(table), column.name);
  if (identity === null) {
    delete column.generatedAs;
    column.generated = false;
    if (sequence?.implicit === "identity") state.sequences.delete(tableKey(sequence.name));
    return;
  }
  column.generatedAs = identity;
  column.generated = true;
  if (!sequence) addImplicitSequence(state, table, { name: column.name, nullable: column.nullable, ...(column.type !== undefined ? { type: column.type } : {}), identity: true }, at);
}

/**
 * `ADD PRIMARY KEY | UNIQUE USING INDEX i`: the key is the index's columns, and the index becomes
 * the key's (renamed to the constraint's name, or giving the key its own).
 */
function takeIndex(state: SchemaState, table: TableState, spec: ConstraintSpec, name: string): ConstraintSpec {
  const index = table.indexes.find((i) => i.name === name);
  if (!index) return spec;
  table.indexes = table.indexes.filter((i) => i !== index);
  state.indexOwners.delete(indexKey(table.name.schema, name));
  const { usingIndex: _usingIndex, ...rest } = spec;
  return { ...rest, name: spec.name ?? name, columns: index.columns };
}

/**
 * Unnamed constraints keep the names PostgreSQL gave them when a table or column is renamed: said
 * before the rename, while the default is still the name they have.
 */
function keepConstraintNames(table: TableState): void {
  table.constraints = table.constraints.map((c) => {
    if (c.name !== undefined || c.generatedName !== undefined || c.maybe) return c;
    const generatedName = defaultConstraintName(table.name.name, c);
    return generatedName === undefined ? c : { ...c, generatedName };
  });
}

/**
 * PostgreSQL follows a renamed column into the keys, checks and indexes on it, expressions and
 * predicates included (it keeps them parsed, and prints them with the new name).
 */
function renameInKeys(table: TableState, from: string, to: string): void {
  const rename = (columns: readonly string[]): string[] => columns.map((c) => (c === from ? to : c));
  table.constraints = table.constraints.map((c) => {
    if (!c.columns.includes(from)) return c;
    const expression = c.expression !== undefined && (c.kind === "check" || c.kind === "exclude") ? renameColumnInSql(c.expression, from, to) : c.expression;
    return { ...c, columns: rename(c.columns), ...(expression !== undefined ? { expression } : {}) };
  });
  table.indexes = table.indexes.map((i) => {
    const reads = i.definition?.reads?.includes(from) ?? false;
    if (!i.columns.includes(from) && !reads) return i;
    const { definition, ...rest } = i;
    // Keys that are expressions are rewritten where the columns they read are known (SQL); otherwise the definition is no longer known as SQL.
    const plain = definition !== undefined && definition.where === undefined && definition.keys.every((k) => i.columns.some((c) => sqlIdentifier(c) === k));
    const renamed = definition && (plain || definition.reads !== undefined) && {
      ...definition,
      keys: definition.keys.map((k) => (k === sqlIdentifier(from) ? sqlIdentifier(to) : reads ? renameColumnInSql(k, from, to) : k)),
      ...(definition.where !== undefined && reads ? { where: renameColumnInSql(definition.where, from, to) } : {}),
      ...(definition.include !== undefined && reads ? { include: renameColumnInSql(definition.include, from, to) } : {}),
      ...(definition.reads ? { reads: rename(definition.reads) } : {}),
    };
    return { ...rest, columns: rename(i.columns), ...(renamed ? { definition: renamed } : {}) };
  });
}

/** Foreign keys follow a renamed table: PostgreSQL keeps them by the table's identity, not its name. */
function renameReferencedTable(state: SchemaState, key: string, renamed: QualifiedName): void {
  const names = (c: ConstraintState): boolean => c.references !== undefined && tableKey(c.references.table) === key;
  for (const [other, table] of state.tables) {
    if (!table.constraints.some(names)) continue;
    const writable = state.writable(other);
    if (!writable) continue;
    writable.constraints = writable.constraints.map((c) => (names(c) && c.references ? { ...c, references: { ...c.references, table: renamed } } : c));
  }
}

/** Foreign keys elsewhere that name the renamed column follow it too. */
function renameInReferences(state: SchemaState, key: string, from: string, to: string): void {
  const names = (c: ConstraintState): boolean => c.references !== undefined && tableKey(c.references.table) === key && c.references.columns.includes(from);
  for (const [other, table] of state.tables) {
    if (!table.constraints.some(names)) continue;
    const writable = state.writable(other);
    if (!writable) continue;
    writable.constraints = writable.constraints.map((c) => (names(c) && c.references ? { ...c, references: { ...c.references, columns: c.references.columns.map((col) => (col === from ? to : col)) } } : c));
  }
}

/** The index, and the key it backs (a primary key or unique constraint shares its index's name). */
function renameIndex(state: SchemaState, schema: string | undefined, from: string, to: string, at: Provenance): void {
  const backsKey = (c: ConstraintState): boolean => (c.kind === "primary_key" || c.kind === "unique") && (c.name ?? c.generatedName) === from;
  const owner =
    state.indexOwners.get(indexKey(schema, from)) ??
    [...state.tables].find(([, t]) => (t.name.schema ?? "public") === (schema ?? "public") && t.constraints.some(backsKey))?.[0];
  const table = owner ? state.writable(owner) : undefined;
  if (!owner || !table) return;
  if (state.indexOwners.delete(indexKey(schema, from))) state.indexOwners.set(indexKey(schema, to), owner);
  table.indexes = table.indexes.map((i) => (i.name === from ? { ...i, name: to } : i));
  table.constraints = table.constraints.map((c) => (backsKey(c) ? { ...c, name: to } : c));
  table.changed = at;
}

/** The enum under its new name, and every column of that type (written bare, quoted or qualified; or an array of it). */
function renameType(state: SchemaState, type: QualifiedName, newName: string, at: Provenance): void {
  const key = tableKey(type);
  const found = state.enums.get(key);
  const renamed: QualifiedName = { ...type, name: newName };
  if (found) {
    state.enums.delete(key);
    state.enums.set(tableKey(renamed), { ...found, name: { ...found.name, name: newName } });
  }
  const before = new Set(typeSpellings(type));
  for (const [tableName, table] of state.tables) {
    const columns = [...table.columns.values()].filter((c) => c.type !== undefined && before.has(elementType(c.type)));
    if (columns.length === 0) continue;
    const writable = state.writable(tableName);
    if (!writable) continue;
    for (const c of columns) {
      const type = c.type as string;
      writable.columns.set(c.name, { ...c, type: sqlTableName(renamed) + type.slice(elementType(type).length) });
    }
    writable.changed = at;
  }
}

/** How a column's type text can name the type: as our own rendering of it, or as written. */
function typeSpellings(type: QualifiedName): string[] {
  const bare = [type.name, sqlIdentifier(type.name), `"${type.name.replace(/"/g, '""')}"`];
  const schemas = type.schema ? [type.schema] : ["public"];
  return [...(type.schema && type.schema !== "public" ? [] : bare), ...schemas.flatMap((schema) => bare.flatMap((b) => [`${schema}.${b}`, `${sqlIdentifier(schema)}.${b}`, `"${schema.replace(/"/g, '""')}".${b}`]))];
}

/** `t[]`, `t[][]` → `t`. */
function elementType(type: string): string {
  return type.endsWith("[]") ? elementType(type.slice(0, -2)) : type;
}
