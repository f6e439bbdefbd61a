/**
 * Which revisions each revision's upgrade ran (itself and its ancestors), as bitsets over the
 * replay order: a merge asks this of its parents, and walking the history once per merge is
 * quadratic on long histories. Each bitset is the union of its inputs' and is released once
 * every revision that reads it has been replayed.
 */
export class AncestorBits {
  private readonly bits = new Map<string, Uint32Array>();
  private readonly words: number;

  /** `position`: each revision's place in the replay order, of `length` revisions. */
  constructor(
    private readonly position: ReadonlyMap<string, number>,
    length: number,
    private readonly readers: Map<string, number>,
  ) {
    this.words = (length + 31) >>> 5;
  }

  /** Records `id`'s set from its inputs' (each input read once, as the replay takes states). */
  add(id: string, inputs: readonly string[]): void {
    const set = new Uint32Array(this.words);
    const at = this.position.get(id);
    if (at !== undefined) set[at >>> 5]! |= 1 << (at & 31);
    for (const input of inputs) {
      const theirs = this.bits.get(input);
      if (theirs) for (let w = 0; w < set.length; w++) set[w]! |= theirs[w]!;
    }
    this.bits.set(id, set);
  }

  /** The set of `id`, copied (the caller may grow it). */
  of(id: string): Uint32Array {
    const set = this.bits.get(id);
    return set ? new Uint32Array(set) : new Uint32Array(this.words);
  }

  /** Adds `other`'s revisions to `set`. */
  static union(set: Uint32Array, other: Uint32Array): void {
    for (let w = 0; w < set.length; w++) set[w]! |= other[w]!;
  }

  /** Whether `revision` is in `set`. */
  has(set: Uint32Array, revision: string): boolean {
    const at = this.position.get(revision);
    return at !== undefined && (set[at >>> 5]! & (1 << (at & 31))) !== 0;
  }

  /** The sets kept now, copied (see ReplayCheckpoint). */
  snapshot(): Map<string, Uint32Array> {
    return new Map([...this.bits].map(([id, set]) => [id, new Uint32Array(set)]));
  }

  /** Takes the sets a snapshot kept; positions are the same for the revisions before it. */
  restore(snapshot: ReadonlyMap<string, Uint32Array>): void {
    for (const [id, kept] of snapshot) {
      const set = new Uint32Array(this.words);
      set.set(kept.subarray(0, Math.min(kept.length, this.words)));
      this.bits.set(id, set);
    }
  }

  /** An input was read by one more of its consumers: forget it when none is left. */
  release(input: string): void {
    if ((this.readers.get(input) ?? 0) <= 0) this.bits.delete(input);
  }
}
