import type { Operation, QualifiedName } from "./operations";
import { applyOperation } from "./applyOperation";
import { SchemaState, tableKey, type Provenance, type TableState } from "./schemaState";
import type { Range } from "../model/positions";
import type { AnalyzedSet } from "../analysis/analyzedSet";
import { toolTables } from "./toolTables";
import { frameworkTables } from "./frameworkTables";
import { MANY_NEVER_CREATED, neverCreatedTables, type NeverCreatedTable } from "./neverCreated";
import { ForkableMap } from "./forkableMap";

/** Who made the tables a history uses without creating them, as hover and DDL say it. */
const HISTORY_START = "the schema this history starts from (no migration creates it)";

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** What exists before the first migration: the baseline's tables, then tables declared external. */
export function initialSchema(externalTables: readonly string[], baseline: { readonly file: string; readonly operations: readonly Operation[] } | undefined, configFile: string | undefined): SchemaState {
  const state = new SchemaState();
  for (const op of baseline?.operations ?? []) applyOperation(state, op, { revision: "baseline", file: baseline!.file, range: op.range });
  for (const name of externalTables) addUnknownTable(state, qualify(name), { revision: "external", file: configFile ?? "", range: NOWHERE }, {});
  return state;
}

/**
 * The schema a set starts from: as its settings and baseline describe it, with the tables other
 * sets create, the migration tool's own and those of frameworks the project installs; and, when
 * the history uses many tables it never creates, those (see historyStartTables).
 */
export function initialSchemaOf(set: AnalyzedSet): SchemaState {
  const state = declaredInitialSchema(set);
  // Like declared tables, they hold data: changing them is judged as on any existing table.
  for (const table of historyStartTables(set) ?? []) addUnknownTable(state, table.name, table.firstUse, { providedBy: HISTORY_START });
  return state;
}

/**
 * The tables the history uses but never creates, when there are more than MANY_NEVER_CREATED:
 * the history starts from a schema built elsewhere, and they are taken to exist from the start
 * (missing-initial-schema says so once). Undefined when there are few or none.
 */
export function historyStartTables(set: AnalyzedSet): readonly NeverCreatedTable[] | undefined {
  const tables = neverCreatedTables(set, declaredInitialSchema(set));
  return tables.length > MANY_NEVER_CREATED ? tables : undefined;
}

/** What the set starts from as its settings, baseline, sibling sets, tool and frameworks declare it (no guessed tables). */
export function declaredInitialSchema(set: AnalyzedSet): SchemaState {
  const state = initialSchema(set.settings.externalTables, set.baseline, set.settings.configFile);
  for (const name of set.siblingTables ?? []) addUnknownTable(state, qualify(name), { revision: "another migration set", file: "", range: NOWHERE }, { sibling: true });
  for (const table of [...toolTables(set), ...frameworkTables(set)]) {
    const name = table.schema ? { schema: table.schema, name: table.name } : { name: table.name };
    addUnknownTable(state, name, { revision: table.by, file: "", range: NOWHERE }, { providedBy: table.by });
  }
  return state;
}

function qualify(name: string): QualifiedName {
  const [schema, table] = name.includes(".") ? (name.split(".", 2) as [string, string]) : [undefined, name];
  return schema ? { schema, name: table } : { name: table };
}

/** A table that exists but whose columns are not known, unless an earlier source already gave it. */
function addUnknownTable(state: SchemaState, name: QualifiedName, at: Provenance, extra: Pick<TableState, "sibling" | "providedBy">): void {
  if (state.tables.has(tableKey(name))) return;
  state.tables.set(tableKey(name), { name, columns: new ForkableMap(), indexes: [], constraints: [], external: true, columnsKnown: false, ...extra, created: at, changed: at });
}
