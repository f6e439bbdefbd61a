/**
 * A Map that forks cheaply and tells a fork what changed since they parted. A replay of a long
 * history forks its schema at every branch point and merges it at every merge, while each side
 * changes a handful of the thousands of entries: a fork shares the entries as they were (`base`,
 * never changed once made) and keeps its own changes beside them, so forking costs the changes
 * since the base was last made, and comparing two forks of one base costs their changes.
 * Iterates in insertion order, as a Map does.
 */
export class ForkableMap<K, V extends {}> implements ReadonlyMap<K, V> {
  private base: Base<K, V>;
  /** Entries of the base given another value, in their place. */
  private overrides: Map<K, V>;
  /** Entries of the base deleted (some of them set again since, and so in `appended`). */
  private removed: Set<K>;
  /** Entries set since the base was made, in insertion order, after the base's. */
  private appended: Map<K, V>;
  /** Told of every key set or deleted (a fork is not). */
  private listener: ((key: K) => void) | undefined;

  constructor(entries?: Iterable<readonly [K, V]>) {
    this.base = { map: new Map(entries) };
    this.overrides = new Map();
    this.removed = new Set();
    this.appended = new Map();
  }

  get size(): number {
    return this.base.map.size - this.removed.size + this.appended.size;
  }

  get(key: K): V | undefined {
    // Values are never undefined (see set), so one lookup per layer tells whether it holds the key.
    const appended = this.appended.get(key);
    if (appended !== undefined) return appended;
    const override = this.overrides.get(key);
    if (override !== undefined) return override;
    return this.removed.size > 0 && this.removed.has(key) ? undefined : this.base.map.get(key);
  }

  has(key: K): boolean {
    return this.appended.has(key) || (this.base.map.has(key) && (this.removed.size === 0 || !this.removed.has(key)));
  }

  /** Tells `listener` of every key this map (not a fork of it) sets or deletes from now on. */
  watch(listener: (key: K) => void): void {
    this.listener = listener;
  }

  /** `value` is never undefined: get tells a missing key by it. */
  set(key: K, value: V): this {
    this.listener?.(key);
    if (!this.appended.has(key) && this.base.map.has(key) && !this.removed.has(key)) this.overrides.set(key, value);
    else this.appended.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    this.listener?.(key);
    if (this.appended.delete(key)) return true;
    if (!this.base.map.has(key) || this.removed.has(key)) return false;
    this.removed.add(key);
    this.overrides.delete(key);
    return true;
  }

  clear(): void {
    if (this.listener) for (const key of this.keys()) this.listener(key);
    this.base = { map: new Map() };
    this.overrides = new Map();
    this.removed = new Set();
    this.appended = new Map();
  }

  /** A copy that shares this one's entries; changing either leaves the other as it was. */
  fork(): ForkableMap<K, V> {
    // Changes that have grown large relative to the base are folded into a new one, so a fork stays cheap.
    if (this.overrides.size + this.removed.size + this.appended.size > FOLD_AT + Math.sqrt(this.base.map.size) * 4) {
      this.base = { map: new Map(this) };
      this.overrides = new Map();
      this.removed = new Set();
      this.appended = new Map();
    }
    const copy = new ForkableMap<K, V>();
    copy.base = this.base;
    copy.overrides = new Map(this.overrides);
    copy.removed = new Set(this.removed);
    copy.appended = new Map(this.appended);
    return copy;
  }

  /**
   * This map's entries whose key or value may not be `other`'s (every entry where they share no
   * base), in this map's order. Taken before either changes again.
   */
  entriesUnlike(other: ForkableMap<K, V>): [K, V][] {
    if (other.base !== this.base) return [...this];
    const keys = new Set<K>(this.overrides.keys());
    for (const key of other.overrides.keys()) keys.add(key);
    for (const key of other.removed) keys.add(key);
    const position = positions(this.base);
    const fromBase = [...keys].filter((key) => !this.removed.has(key)).sort((a, b) => position.get(a)! - position.get(b)!);
    return [...fromBase.map((key): [K, V] => [key, this.get(key) as V]), ...this.appended];
  }

  *entries(): IterableIterator<[K, V]> {
    const checked = this.removed.size > 0 || this.overrides.size > 0;
    for (const entry of this.base.map) {
      if (!checked) yield entry;
      else if (!this.removed.has(entry[0])) yield this.overrides.has(entry[0]) ? [entry[0], this.overrides.get(entry[0]) as V] : entry;
    }
    yield* this.appended;
  }

  *keys(): IterableIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}

/** Changes a fork copies before its base is folded anew (plus a few per √ of the base's size). */
const FOLD_AT = 64;

interface Base<K, V> {
  readonly map: ReadonlyMap<K, V>;
  /** Each key's place in the map, made when first asked for. */
  positions?: Map<K, number>;
}

function positions<K, V>(base: Base<K, V>): Map<K, number> {
  if (!base.positions) base.positions = new Map([...base.map.keys()].map((key, i) => [key, i]));
  return base.positions;
}
