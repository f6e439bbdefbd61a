import { isDeepStrictEqual } from "node:util";
import type { ForkableMap } from "./forkableMap";
import type { SchemaState, TableState } from "./schemaState";

/**
 * The tables whose columns (and last change) alone differ between two schemas forked from one —
 * a revision applied as it was and as it is now. Undefined when anything else differs: which
 * tables exist, a table's indexes, constraints or flags, any other object, the schema's flags.
 * Then a later revision that touches none of these tables reads the same schema in both.
 */
export function columnsOnlyDifference(a: SchemaState, b: SchemaState): Set<string> | undefined {
  const tables = new Set<string>();
  for (const key of keysUnlike(a.tables, b.tables)) {
    const [x, y] = [a.tables.get(key), b.tables.get(key)];
    if (x === y) continue;
    if (!x || !y || !sameTableBesidesColumns(x, y)) return undefined;
    // Copied by both (each changed it), and maybe changed alike.
    if (!isDeepStrictEqual(x.changed, y.changed) || !isDeepStrictEqual([...x.columns], [...y.columns])) tables.add(key);
  }
  const same =
    a.incomplete === b.incomplete &&
    a.unreadOperations === b.unreadOperations &&
    a.unreadCreates === b.unreadCreates &&
    isDeepStrictEqual(a.uncertainTables, b.uncertainTables) &&
    isDeepStrictEqual(a.dropped, b.dropped) &&
    isDeepStrictEqual(a.droppedCreation, b.droppedCreation) &&
    isDeepStrictEqual(a.enums, b.enums) &&
    isDeepStrictEqual(a.views, b.views) &&
    isDeepStrictEqual(a.domains, b.domains) &&
    isDeepStrictEqual(a.functions, b.functions) &&
    isDeepStrictEqual(a.extensions, b.extensions) &&
    [...keysUnlike(a.sequences, b.sequences)].every((key) => isDeepStrictEqual(a.sequences.get(key), b.sequences.get(key))) &&
    [...keysUnlike(a.indexOwners, b.indexOwners)].every((key) => a.indexOwners.get(key) === b.indexOwners.get(key));
  return same ? tables : undefined;
}

/** Keys either map may hold differently (each set or deleted since they forked). */
function keysUnlike<V extends {}>(a: ForkableMap<string, V>, b: ForkableMap<string, V>): Set<string> {
  const keys = new Set<string>();
  for (const [key] of a.entriesUnlike(b)) keys.add(key);
  for (const [key] of b.entriesUnlike(a)) keys.add(key);
  return keys;
}

function sameTableBesidesColumns(a: TableState, b: TableState): boolean {
  const { columns: _a, changed: _x, ...restA } = a;
  const { columns: _b, changed: _y, ...restB } = b;
  return isDeepStrictEqual(restA, restB);
}
