import type { ColumnSpec, Operation, QualifiedName } from "./operations";
import { objectName } from "./postgresConstraintName";
import { integerType } from "./sequenceTypes";
import { sqlString } from "./ddlClauses";
import { sqlTableName } from "../sql/sqlIdentifier";
import { tableKey, type ColumnState, type Provenance, type SchemaState, type SequenceState } from "./schemaState";

type SequenceOperation = Extract<Operation, { kind: "create_sequence" | "alter_sequence" | "drop_sequence" }>;

/**
 * Sequences as PostgreSQL keeps them: made by CREATE SEQUENCE or by a serial or identity column,
 * owned by a column (and dropped with it), keeping their name when the table or column is renamed.
 */
export function applySequenceOperation(state: SchemaState, op: SequenceOperation, at: Provenance): void {
  const key = tableKey(op.sequence);
  switch (op.kind) {
    case "create_sequence":
      if (state.sequences.has(key)) return;
      state.sequences.set(key, { name: op.sequence, type: op.type, ...(op.ownedBy ? { owner: { table: tableKey(op.ownedBy.table), column: op.ownedBy.column } } : {}), created: at });
      return;
    case "drop_sequence": {
      const found = state.sequences.get(key);
      if (!found) return;
      state.sequences.delete(key);
      // DROP SEQUENCE … CASCADE takes the serial column's default with it.
      if (found.implicit === "serial" && found.owner) updateColumn(state, found.owner, at, (c) => ({ ...c, ...notSerial(c) }));
      return;
    }
    case "alter_sequence": {
      const found = state.sequences.get(key);
      if (!found) return;
      let next: SequenceState = { ...found, ...(op.type !== undefined ? { type: op.type } : {}) };
      if (op.ownedBy !== undefined) {
        const { owner: _owner, implicit: _implicit, ...rest } = next;
        // A serial column whose sequence is given away keeps drawing from it: its default is now said.
        if (found.implicit === "serial" && found.owner) updateColumn(state, found.owner, at, (c) => ({ ...c, default: `nextval(${sqlString(sqlTableName(found.name))}::regclass)` }));
        next = op.ownedBy ? { ...rest, owner: { table: tableKey(op.ownedBy.table), column: op.ownedBy.column } } : rest;
      }
      if (op.newName !== undefined) {
        next = { ...next, name: { ...next.name, name: op.newName } };
        state.sequences.delete(key);
        redirectDefaults(state, found.name, next.name, at);
      }
      state.sequences.set(tableKey(next.name), next);
      return;
    }
  }
}

/**
 * The sequence PostgreSQL makes for a new serial or identity column: `<table>_<column>_seq`, or
 * `seq1`, `seq2`… while a relation of the schema has that name.
 */
export function addImplicitSequence(state: SchemaState, table: QualifiedName, column: ColumnSpec, at: Provenance): void {
  const type = integerType(column.type);
  if (type === undefined) return;
  const implicit = column.identity ? "identity" : column.generated && column.default === undefined && column.generatedAs === undefined ? "serial" : undefined;
  if (implicit === undefined) return;
  const taken = (name: string): boolean => holdsRelationName(state, table.schema ?? "public", name);
  let name = objectName(table.name, column.name, "seq");
  for (let pass = 1; taken(name); pass++) name = objectName(table.name, column.name, `seq${pass}`);
  const sequence: QualifiedName = table.schema ? { schema: table.schema, name } : { name };
  state.sequences.set(tableKey(sequence), { name: sequence, type, owner: { table: tableKey(table), column: column.name }, implicit, created: at });
}

/** A renamed table or column keeps its sequences (under their old names). */
export function followOwner(state: SchemaState, from: { table: string; column?: string }, to: { table: string; column?: string }): void {
  for (const [key, sequence] of state.sequences) {
    const owner = sequence.owner;
    if (!owner || owner.table !== from.table || (from.column !== undefined && owner.column !== from.column)) continue;
    state.sequences.set(key, { ...sequence, owner: { table: to.table, column: to.column ?? owner.column } });
  }
}

/** Dropping a table (or one column) drops the sequences it owns. */
export function dropOwned(state: SchemaState, table: string, column?: string): void {
  for (const [key, sequence] of state.sequences) {
    if (sequence.owner?.table === table && (column === undefined || sequence.owner.column === column)) state.sequences.delete(key);
  }
}

/**
 * A column's type or default changed: an identity sequence takes the column's new integer type;
 * a serial column given another default no longer draws from its sequence (which stays, owned).
 */
export function columnChanged(state: SchemaState, table: string, column: string, change: { readonly type?: string; readonly defaultChanged: boolean }): void {
  for (const [key, sequence] of state.sequences) {
    if (sequence.owner?.table !== table || sequence.owner.column !== column) continue;
    if (sequence.implicit === "identity" && change.type !== undefined) state.sequences.set(key, { ...sequence, type: integerType(change.type) ?? sequence.type });
    if (sequence.implicit === "serial" && change.defaultChanged) {
      const { implicit: _implicit, ...rest } = sequence;
      state.sequences.set(key, rest);
    }
  }
}

/** A serial column no longer filled from its sequence: the integer it is underneath, with nothing generating it. */
export function notSerial(column: ColumnState): Pick<ColumnState, "type" | "generated"> {
  return { type: integerType(column.type) ?? column.type, generated: false };
}

/** The implicit sequence of a column, if it has one. */
export function implicitSequence(state: SchemaState, table: string, column: string): SequenceState | undefined {
  return [...state.sequences.values()].find((s) => s.implicit !== undefined && s.owner?.table === table && s.owner.column === column);
}

/** Defaults written `nextval('old')` follow the renamed sequence, as PostgreSQL's (by the sequence's identity) do. */
function redirectDefaults(state: SchemaState, from: QualifiedName, to: QualifiedName, at: Provenance): void {
  const names = [sqlTableName(from), ...(from.schema === undefined ? [sqlTableName({ schema: "public", name: from.name })] : [])];
  const spellings = new Set(names.flatMap((name) => [`nextval(${sqlString(name)})`, `nextval(${sqlString(name)}::regclass)`]));
  for (const [key, table] of state.tables) {
    for (const column of table.columns.values()) {
      if (column.default !== undefined && spellings.has(column.default)) updateColumn(state, { table: key, column: column.name }, at, (c) => ({ ...c, default: `nextval(${sqlString(sqlTableName(to))}::regclass)` }));
    }
  }
}

/** Whether a relation of a schema has this name: a table, view, index (or a key's index) or sequence. Looked up, not listed: it is asked for every serial column. */
function holdsRelationName(state: SchemaState, schema: string, name: string): boolean {
  const key = tableKey(schema === "public" ? { name } : { schema, name });
  return state.tables.has(key) || state.views.has(key) || state.sequences.has(key) || state.holdsName(schema, name, ["index", "key"]);
}

function updateColumn(state: SchemaState, owner: { readonly table: string; readonly column: string }, at: Provenance, change: (column: ColumnState) => ColumnState): void {
  const table = state.writable(owner.table);
  const column = table?.columns.get(owner.column);
  if (!table || !column) return;
  table.columns.set(owner.column, { ...change(column), changed: at });
  table.changed = at;
}
