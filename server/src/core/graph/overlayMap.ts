/**
 * A map read as another with some values replaced (the same keys, in the same order): a graph an
 * edit swaps one file into shares the thousands of other nodes instead of copying them. Layers do
 * not pile up: one laid over another holds both's replacements over the first's base.
 */
export class OverlayMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly replaced: ReadonlyMap<K, V>,
  ) {}

  /** `map` with the values of `replaced` (for keys `map` has) instead of its own. */
  static over<K, V>(map: ReadonlyMap<K, V>, replaced: ReadonlyMap<K, V>): ReadonlyMap<K, V> {
    if (replaced.size === 0) return map;
    if (map instanceof OverlayMap) return new OverlayMap<K, V>(map.base, new Map([...map.replaced, ...replaced]));
    return new OverlayMap(map, replaced);
  }

  get size(): number {
    return this.base.size;
  }

  get(key: K): V | undefined {
    return this.replaced.has(key) ? this.replaced.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.base.has(key);
  }

  *entries(): IterableIterator<[K, V]> {
    for (const [key, value] of this.base) yield [key, this.replaced.has(key) ? (this.replaced.get(key) as V) : value];
  }

  keys(): IterableIterator<K> {
    return this.base.keys();
  }

  *values(): IterableIterator<V> {
    for (const [key, value] of this.base) yield this.replaced.has(key) ? (this.replaced.get(key) as V) : value;
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    this.base.forEach((value, key) => callback(this.replaced.has(key) ? (this.replaced.get(key) as V) : value, key, this));
  }
}
