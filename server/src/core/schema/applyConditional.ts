import type { Operation } from "./operations";
// A cycle, used only at run time: applyOperation hands conditional operations here.
import { indexKey } from "./applyOperation";
import { tableKey, type Provenance, type SchemaState } from "./schemaState";

/**
 * Applies an operation that may not run (`conditional`): what it creates may exist, what it
 * removes may still be there, and both are marked `maybe` so that neither "missing" nor
 * "duplicate" is claimed for them later. `apply` applies an operation as if it ran.
 */
export function applyConditional(state: SchemaState, op: Operation, at: Provenance, apply: (op: Operation) => void): void {
  switch (op.kind) {
    case "create_table": {
      const existing = state.table(op.table);
      if (existing && !existing.assumed && !existing.sibling) return;
      apply(op);
      markTable(state, tableKey(op.table));
      return;
    }
    case "drop_table":
      markTable(state, tableKey(op.table));
      return;
    case "rename_table": {
      const table = state.table(op.table);
      if (!table) return;
      const renamed = { ...op.table, name: op.newName };
      const copy = { ...table, name: renamed, columns: table.columns.fork(), indexes: [...table.indexes], constraints: [...table.constraints], changed: at, maybe: true };
      markTable(state, tableKey(op.table));
      if (!state.tables.has(tableKey(renamed))) state.put(tableKey(renamed), copy);
      return;
    }
    case "add_column": {
      const table = state.table(op.table);
      if (!table || table.columns.has(op.column.name)) return;
      apply(op);
      markColumn(state, op.table, op.column.name);
      return;
    }
    case "drop_column":
      markColumn(state, op.table, op.column);
      return;
    case "alter_column": {
      if (op.newName === undefined || op.newName === op.column) return apply(op);
      const table = state.writable(op.table);
      const previous = table?.columns.get(op.column);
      if (!table || !previous) return;
      table.columns.set(op.column, { ...previous, maybe: true });
      if (!table.columns.has(op.newName)) table.columns.set(op.newName, { ...previous, name: op.newName, changed: at, maybe: true });
      return;
    }
    case "create_index": {
      apply(op);
      const table = state.writable(op.table);
      if (table) table.indexes = table.indexes.map((i) => (i.created === at ? { ...i, maybe: true } : i));
      return;
    }
    case "drop_index": {
      const owner = state.indexOwners.get(indexKey(op.schema ?? op.table?.schema, op.name));
      const table = owner ? state.writable(owner) : undefined;
      if (table) table.indexes = table.indexes.map((i) => (i.name === op.name ? { ...i, maybe: true } : i));
      return;
    }
    case "add_constraint": {
      apply(op);
      const table = state.writable(op.table);
      if (table) table.constraints = table.constraints.map((c) => (c.created === at ? { ...c, maybe: true } : c));
      return;
    }
    // Removing a constraint, a type or a view that may stay: keep it (a constraint marked as maybe gone).
    case "drop_constraint": {
      const table = state.writable(op.table);
      if (table) table.constraints = table.constraints.map((c) => ((c.name ?? c.generatedName) === op.name || c.name === undefined ? { ...c, maybe: true } : c));
      return;
    }
    case "drop_type":
    case "drop_view":
      return;
    default:
      apply(op);
  }
}

function markTable(state: SchemaState, key: string): void {
  const table = state.writable(key);
  if (table) table.maybe = true;
}

function markColumn(state: SchemaState, name: Parameters<SchemaState["table"]>[0], column: string): void {
  const table = state.writable(name);
  const existing = table?.columns.get(column);
  // Replaced, not changed in place: other states may share the column object.
  if (table && existing) table.columns.set(column, { ...existing, maybe: true });
}
