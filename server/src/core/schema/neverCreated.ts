import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Range } from "../model/positions";
import type { Operation, QualifiedName } from "./operations";
import { replaySchema, type ReplayStep } from "./replay";
import { foreignKeyTargets, requiredColumns, requiredTable } from "./requiredTable";
import { tableKey, type SchemaState } from "./schemaState";

/** A table the history uses but no migration (nor the configuration) creates. */
export interface NeverCreatedTable {
  readonly name: QualifiedName;
  /** The first operation that needs it, in replay order. */
  readonly firstUse: { readonly revision: string; readonly file: string; readonly range: Range };
  /** Columns the history uses before adding them (what a baseline must give it), with the type when a migration says what it was. */
  readonly columns: Map<string, string | undefined>;
}

/**
 * More never-created tables than this and the history is taken to start from a schema built
 * elsewhere (`metadata.create_all()` then `alembic stamp`): one finding says so instead of one
 * table-not-found per table. A few missing tables are more likely real mistakes, each reported.
 */
export const MANY_NEVER_CREATED = 5;

/**
 * Replays the history from the declared initial schema and lists, in order of first use, the
 * tables table-not-found and reference-not-found would report as never created (tables dropped
 * earlier are another matter). Computed once per analysed set.
 */
export function neverCreatedTables(set: AnalyzedSet, declared: SchemaState): readonly NeverCreatedTable[] {
  let tables = cache.get(set);
  if (!tables) {
    const collector = neverCreatedCollector();
    replaySchema(set, { initial: declared, dialect: set.settings.dialect, onStep: collector.onStep });
    cache.set(set, (tables = collector.tables()));
  }
  return tables;
}

const cache = new WeakMap<AnalyzedSet, readonly NeverCreatedTable[]>();

/** Whether the set's never-created tables are known yet (found by a replay that already ran). */
export function neverCreatedKnown(set: AnalyzedSet): boolean {
  return cache.has(set);
}

/** The set's never-created tables if a replay found them already. */
export function knownNeverCreated(set: AnalyzedSet): readonly NeverCreatedTable[] | undefined {
  return cache.get(set);
}

/** Records the never-created tables a replay from the declared initial schema found while doing other work. */
export function rememberNeverCreated(set: AnalyzedSet, tables: readonly NeverCreatedTable[]): void {
  cache.set(set, tables);
}

/** What a collector has found so far, to go on from later (see ReplayCheckpoint). */
export interface CollectorSnapshot {
  readonly found: ReadonlyMap<string, NeverCreatedTable>;
  readonly aliases: ReadonlyMap<string, string>;
}

export interface NeverCreatedCollector {
  readonly onStep: (step: ReplayStep) => void;
  tables(): NeverCreatedTable[];
  snapshot(): CollectorSnapshot;
}

/** Collects, step by step of a replay from the declared initial schema, the tables it uses but never creates. */
export function neverCreatedCollector(from?: CollectorSnapshot): NeverCreatedCollector {
  const copy = (table: NeverCreatedTable): NeverCreatedTable => ({ ...table, columns: new Map(table.columns) });
  const found = new Map([...(from?.found ?? [])].map(([key, table]) => [key, copy(table)]));
  /** Renamed never-created tables: the new name's key to the original's. */
  const aliases = new Map(from?.aliases ?? []);
  const recordOf = (name: QualifiedName): NeverCreatedTable | undefined => found.get(aliases.get(tableKey(name)) ?? tableKey(name));
  const onStep = (step: ReplayStep): void => {
    const op = step.op;
    for (const { table, range } of missingTables(step)) {
      if (!found.has(tableKey(table))) found.set(tableKey(table), { name: table, firstUse: { revision: step.revision, file: step.file.path, range }, columns: new Map() });
    }
    const own = "table" in op && op.table ? recordOf(op.table) : undefined;
    if (own && "table" in op && op.table) {
      const existingType = op.kind === "alter_column" ? op.existingType : undefined;
      for (const column of requiredColumns(op)) if (!step.before.table(op.table)?.columns.has(column)) addColumn(own, column, existingType);
      if (op.kind === "rename_table") aliases.set(tableKey({ ...op.table, name: op.newName }), aliases.get(tableKey(op.table)) ?? tableKey(op.table));
    }
    for (const target of foreignKeyTargets(op)) {
      const record = recordOf(target.table);
      if (record) for (const column of target.columns) if (!step.before.table(target.table)?.columns.has(column)) addColumn(record, column, undefined);
    }
  };
  return { onStep, tables: () => [...found.values()], snapshot: () => ({ found: new Map([...found].map(([key, table]) => [key, copy(table)])), aliases: new Map(aliases) }) };
}

function addColumn(table: NeverCreatedTable, column: string, type: string | undefined): void {
  if (!table.columns.has(column) || (table.columns.get(column) === undefined && type !== undefined)) table.columns.set(column, type);
}

/** The tables this step needs that are not there, as table-not-found and reference-not-found judge it. */
function missingTables(step: ReplayStep): { table: QualifiedName; range: Range }[] {
  const { op, before } = step;
  if (op.guarded || before.incomplete || before.unreadCreates) return [];
  // A table an operation with a run-time name may have made is not surely absent.
  const absent = (name: QualifiedName): boolean =>
    !before.tables.has(tableKey(name)) && !before.views.has(tableKey(name)) && !before.dropped.has(tableKey(name)) && !before.mayHaveBeen("exist", name);
  const missing: { table: QualifiedName; range: Range }[] = [];
  const required = requiredTable(op);
  if (required && !op.tableGuarded && absent(required)) missing.push({ table: required, range: op.tableRange ?? op.nameRange ?? op.range });
  const own = op.kind === "create_table" ? tableKey(op.table) : undefined;
  // As reference-not-found: SQLite does not look for a foreign key's target when it is declared.
  for (const target of step.dialect === "sqlite" ? [] : foreignKeyTargets(op)) {
    if (tableKey(target.table) === own || !absent(target.table) || createdLaterInMigration(step, op, target.table)) continue;
    missing.push({ table: target.table, range: op.nameRange ?? op.range });
  }
  return missing;
}

/** use_alter: a foreign key added once every table of the migration exists. */
function createdLaterInMigration(step: ReplayStep, op: Operation, table: QualifiedName): boolean {
  const later = step.file.upgrade?.operations.slice(step.file.upgrade.operations.indexOf(op) + 1) ?? [];
  return foreignKeyTargets(op).some((t) => t.deferred && tableKey(t.table) === tableKey(table)) && later.some((o) => o.kind === "create_table" && tableKey(o.table) === tableKey(table));
}
