import { ForkableMap } from "./forkableMap";
import type { TableState } from "./schemaState";

/** What a name of a schema belongs to: a table, an index, a key (primary or unique: backed by its index) or another constraint. */
export type NameHolder = "table" | "index" | "key" | "constraint";

/**
 * The names a schema's tables hold (their own, their indexes', their constraints'), counted, so
 * that naming a new key or sequence looks the name up instead of reading every table: it is asked
 * for every table created. Tables changed since it was last brought up to date (`touched`) are
 * read again when it is asked; a fork shares what it has counted.
 */
export class RelationNames {
  private readonly counts: ForkableMap<string, number>;
  /** What each table (by key) was counted as holding. */
  private readonly counted: ForkableMap<string, readonly string[]>;
  /** Tables changed (or perhaps still being changed) since they were counted. */
  private readonly touchedKeys: Set<string>;

  constructor(from?: RelationNames) {
    this.counts = from ? from.counts.fork() : new ForkableMap();
    this.counted = from ? from.counted.fork() : new ForkableMap();
    this.touchedKeys = new Set(from?.touchedKeys);
  }

  /** The table under this key was set, deleted or handed out to be changed. */
  touched(key: string): void {
    this.touchedKeys.add(key);
  }

  /** Whether a table of the schema holds this name as one of `holders`. */
  holds(tables: ReadonlyMap<string, TableState>, schema: string, name: string, holders: readonly NameHolder[]): boolean {
    this.recount(tables);
    return holders.some((holder) => this.counts.has(nameKey(holder, schema, name)));
  }

  /**
   * Counts the touched tables again and forgets them: called when nothing holds a table to change
   * it further (a table handed out by `writable()` may change after a lookup counted it, so until
   * then it is counted again at every lookup).
   */
  settle(tables: ReadonlyMap<string, TableState>): void {
    this.recount(tables);
    this.touchedKeys.clear();
  }

  private recount(tables: ReadonlyMap<string, TableState>): void {
    for (const key of this.touchedKeys) {
      for (const name of this.counted.get(key) ?? []) {
        const left = this.counts.get(name)! - 1;
        if (left > 0) this.counts.set(name, left);
        else this.counts.delete(name);
      }
      const table = tables.get(key);
      const names = table ? namesHeld(table) : [];
      for (const name of names) this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
      if (names.length > 0) this.counted.set(key, names);
      else this.counted.delete(key);
    }
  }
}

function namesHeld(table: TableState): string[] {
  const schema = table.name.schema ?? "public";
  const names = [nameKey("table", schema, table.name.name)];
  for (const index of table.indexes) if (index.name !== undefined) names.push(nameKey("index", schema, index.name));
  for (const c of table.constraints) {
    const name = c.name ?? c.generatedName;
    if (name !== undefined) names.push(nameKey(c.kind === "primary_key" || c.kind === "unique" ? "key" : "constraint", schema, name));
  }
  return names;
}

function nameKey(holder: NameHolder, schema: string, name: string): string {
  return `${holder}\u0000${schema}\u0000${name}`;
}
