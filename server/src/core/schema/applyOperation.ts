import type { ColumnSpec, Operation, QualifiedName } from "./operations";
import type { SqlDialect } from "./sqlContract";
import { qualifiedKey } from "./operations";
import { applyConditional } from "./applyConditional";
import { postgresForeignKeyName } from "./postgresConstraintName";
import { SchemaState, creationOf, tableKey, type ColumnState, type ConstraintState, type Provenance, type TableState } from "./schemaState";

/** Applies one operation to the schema, as the database would; what it cannot apply it skips. */
export function applyOperation(state: SchemaState, op: Operation, at: Provenance, dialect: SqlDialect = "postgresql"): void {
  if (op.conditional) applyConditional(state, op, at, (certain) => applyOne(state, certain, at));
  else applyOne(state, op, at);
  if (dialect === "postgresql" && (op.kind === "create_table" || op.kind === "add_column" || op.kind === "add_constraint")) nameForeignKeys(state, op.table, at);
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
}

function applyOne(state: SchemaState, op: Operation, at: Provenance): void {
  switch (op.kind) {
    case "create_table": {
      const key = tableKey(op.table);
      // A table only assumed (used before any CREATE, another set's, maybe there, a tool's) is replaced by the real one.
      const existing = state.tables.get(key);
      if (existing && !existing.assumed && !existing.sibling && !existing.maybe && existing.providedBy === undefined) return;
      const table: TableState = { name: op.table, columns: new Map(), indexes: [], constraints: [], external: false, columnsKnown: !op.columnsIncomplete, created: at, changed: at };
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
      state.tables.delete(key);
      state.dropped.set(key, at);
      state.droppedCreation.set(key, creationOf(table));
      for (const [index, owner] of state.indexOwners) if (owner === key) state.indexOwners.delete(index);
      return;
    }
    case "rename_table": {
      const key = tableKey(op.table);
      const table = state.writable(key);
      if (!table) return;
      const renamed = { ...op.table, name: op.newName };
      const newKey = tableKey(renamed);
      state.tables.delete(key);
      state.dropped.set(key, at);
      state.droppedCreation.set(key, creationOf(table));
      table.name = renamed;
      table.changed = at;
      state.put(newKey, table);
      state.dropped.delete(newKey);
      state.droppedCreation.delete(newKey);
      for (const [index, owner] of state.indexOwners) if (owner === key) state.indexOwners.set(index, newKey);
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
      table.indexes = table.indexes.filter((i) => !i.columns.includes(op.column));
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
      if (op.type !== undefined) column.type = op.type;
      if (op.nullable !== undefined) column.nullable = op.nullable;
      if (op.default !== undefined) column.default = op.default ?? undefined;
      table.columns.set(op.column, column);
      if (op.newName !== undefined && op.newName !== op.column) {
        table.columns = new Map([...table.columns].map(([name, c]) => (name === op.column ? [op.newName!, { ...c, name: op.newName! }] : [name, c])));
      }
      table.changed = at;
      return;
    }
    case "create_index": {
      const table = state.writable(op.table);
      if (!table) return;
      table.indexes.push({ name: op.name, columns: op.columns, unique: op.unique, detail: op.detail, created: at });
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
      table.constraints.push({ ...op.constraint, notValid: op.notValid, created: at });
      if (op.constraint.kind === "primary_key") for (const c of op.constraint.columns) setNotNull(table, c);
      table.changed = at;
      return;
    }
    case "drop_constraint": {
      const table = state.writable(op.table);
      if (!table) return;
      const named = (c: ConstraintState): boolean => (c.name ?? c.generatedName) === op.name;
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
      state.enums.set(qualifiedKey(op.type), { name: op.type, values: [...op.values], created: at });
      return;
    case "add_enum_value": {
      const type = state.enums.get(qualifiedKey(op.type));
      if (type && !type.values.includes(op.value)) type.values.push(op.value);
      return;
    }
    case "drop_type":
      state.enums.delete(qualifiedKey(op.type));
      return;
    case "create_view":
      state.views.set(qualifiedKey(op.view), { name: op.view, created: at });
      return;
    case "drop_view":
      state.views.delete(qualifiedKey(op.view));
      return;
    case "unknown":
      state.unreadOperations = true;
      if (op.tables) state.addUncertainTables(op.tables);
      if (/\.create\(\)|create_all\(\)|\.upgrade\(\)/.test(op.reason)) state.unreadCreates = true;
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

export function indexKey(schema: string | undefined, name: string): string {
  return schema && schema !== "public" ? `${schema}.${name}` : name;
}

function columnState(spec: ColumnSpec, at: Provenance): ColumnState {
  return {
    name: spec.name,
    type: spec.type,
    nullable: spec.primaryKey ? false : spec.nullable,
    default: spec.default,
    generated: spec.generated ?? false,
    created: at,
    changed: at,
  };
}

function setNotNull(table: TableState, column: string): void {
  const state = table.columns.get(column);
  if (state && state.nullable) table.columns.set(column, { ...state, nullable: false });
}
