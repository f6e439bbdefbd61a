import type { Operation } from "./operations";
import { applyOperation } from "./applyOperation";
import { SchemaState, tableKey } from "./schemaState";
import type { Range } from "../model/positions";
import type { AnalyzedSet } from "../analysis/analyzedSet";

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** What exists before the first migration: the baseline's tables, then tables declared external. */
export function initialSchema(externalTables: readonly string[], baseline: { readonly file: string; readonly operations: readonly Operation[] } | undefined, configFile: string | undefined): SchemaState {
  const state = new SchemaState();
  for (const op of baseline?.operations ?? []) applyOperation(state, op, { revision: "baseline", file: baseline!.file, range: op.range });
  for (const name of externalTables) {
    const [schema, table] = name.includes(".") ? (name.split(".", 2) as [string, string]) : [undefined, name];
    const qualified = schema ? { schema, name: table } : { name: table };
    if (state.tables.has(tableKey(qualified))) continue;
    const at = { revision: "external", file: configFile ?? "", range: NOWHERE };
    state.tables.set(tableKey(qualified), { name: qualified, columns: new Map(), indexes: [], constraints: [], external: true, columnsKnown: false, created: at, changed: at });
  }
  return state;
}

/** The schema a set starts from, as its settings and baseline describe it. */
export function initialSchemaOf(set: AnalyzedSet): SchemaState {
  const state = initialSchema(set.settings.externalTables, set.baseline, set.settings.configFile);
  for (const name of set.siblingTables ?? []) {
    const [schema, table] = name.includes(".") ? (name.split(".", 2) as [string, string]) : [undefined, name];
    const qualified = schema ? { schema, name: table } : { name: table };
    if (state.tables.has(tableKey(qualified))) continue;
    const at = { revision: "another migration set", file: "", range: NOWHERE };
    state.tables.set(tableKey(qualified), { name: qualified, columns: new Map(), indexes: [], constraints: [], external: true, columnsKnown: false, sibling: true, created: at, changed: at });
  }
  return state;
}
