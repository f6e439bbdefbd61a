import { isDeepStrictEqual } from "node:util";
import type { RevisionFile } from "../alembic/revisionFile";
import { columnsOnlyDifference } from "../schema/columnsOnlyDifference";
import { neverCreatedCollector, type CollectorSnapshot, type NeverCreatedCollector } from "../schema/neverCreated";
import { applyUpgrade } from "../schema/replay";
import { tableKey, type SchemaState } from "../schema/schemaState";
import { tablesNamed } from "../schema/tablesNamed";
import type { AnalyzedSet } from "./analyzedSet";

/**
 * The tables an edit of one revision changes, when nothing after it can tell: its upgrade as it
 * was and as it is, applied to the schema before it, leave schemas that differ only in those
 * tables' columns and find the same tables never created, and no later revision names those
 * tables or a table tied to them (by a foreign key or as a partition, either way). Every later
 * revision then reads the schema the last replay gave it, and what it found stands. Undefined
 * when that cannot be shown.
 */
export function confinedEdit(
  set: AnalyzedSet,
  order: readonly string[],
  index: number,
  was: RevisionFile,
  before: { readonly state: SchemaState; readonly collector: CollectorSnapshot },
  after: SchemaState,
  collector: NeverCreatedCollector,
): Set<string> | undefined {
  const collectedBefore = neverCreatedCollector(before.collector);
  applyUpgrade(before.state, order[index]!, was, { dialect: set.settings.dialect, onStep: collectedBefore.onStep });
  if (!isDeepStrictEqual(collectedBefore.snapshot(), collector.snapshot())) return undefined;
  const tables = columnsOnlyDifference(before.state, after);
  if (!tables) return undefined;
  const tied = withTiedTables(tables, after);
  for (let i = index + 1; i < order.length; i++) {
    for (const named of namedByFile(set.graph.nodes.get(order[i]!)?.file)) if (named === undefined || tied.has(named)) return undefined;
  }
  return tables;
}

/** The tables, and those a foreign key or a partition ties to one of them (a rule on one may read the other). */
function withTiedTables(tables: ReadonlySet<string>, state: SchemaState): Set<string> {
  const tied = new Set(tables);
  for (const [key, table] of state.tables) {
    const others = [...table.constraints.flatMap((c) => (c.references ? [tableKey(c.references.table)] : [])), ...(table.partitionOf ? [table.partitionOf.parent] : [])];
    if (tables.has(key)) others.forEach((other) => tied.add(other));
    else if (others.some((other) => tables.has(other))) tied.add(key);
  }
  return tied;
}

/** Per reading of a file: the keys of the tables its upgrade names, undefined for an operation that may touch any. */
const namedKeys = new WeakMap<RevisionFile, readonly (string | undefined)[]>();

function namedByFile(file: RevisionFile | undefined): readonly (string | undefined)[] {
  if (!file) return [];
  let keys = namedKeys.get(file);
  if (!keys) {
    keys = (file.upgrade?.operations ?? []).flatMap((op) => tablesNamed(op)?.map(tableKey) ?? [undefined]);
    namedKeys.set(file, keys);
  }
  return keys;
}
