import { test } from "node:test";
import * as assert from "node:assert/strict";
import { ForkableMap } from "../../../server/src/core/schema/forkableMap";

/** A fixed sequence of pseudo-random numbers below `n`. */
function numbers(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };
}

test("a forkable map iterates, sets and deletes as a Map does, and each fork keeps its own changes", () => {
  const next = numbers(7);
  const pairs: { map: ForkableMap<string, number>; mirror: Map<string, number> }[] = [{ map: new ForkableMap(), mirror: new Map() }];
  for (let step = 0; step < 20_000; step++) {
    const pair = pairs[next(pairs.length)]!;
    const key = `k${next(300)}`;
    const action = next(10);
    if (action < 5) {
      pair.map.set(key, step);
      pair.mirror.set(key, step);
    } else if (action < 9) assert.equal(pair.map.delete(key), pair.mirror.delete(key));
    else if (next(2) === 0) {
      // Forks keep coming (replacing one of eight), so changes grow past a fold now and then.
      const fork = { map: pair.map.fork(), mirror: new Map(pair.mirror) };
      if (pairs.length < 8) pairs.push(fork);
      else pairs[next(8)] = fork;
    } else {
      // Two forks compared: every entry of one that the other lacks or holds otherwise is among those said to differ.
      const other = pairs[next(pairs.length)]!;
      const unlike = new Set(pair.map.entriesUnlike(other.map).map(([k]) => k));
      for (const [k, value] of pair.mirror) if (other.mirror.get(k) !== value || !other.mirror.has(k)) assert.ok(unlike.has(k), k);
      const order = [...pair.mirror.keys()];
      assert.deepEqual([...unlike], order.filter((k) => unlike.has(k)));
    }
  }
  for (const { map, mirror } of pairs) {
    assert.deepEqual([...map], [...mirror]);
    assert.equal(map.size, mirror.size);
    for (let k = 0; k < 300; k++) {
      assert.equal(map.has(`k${k}`), mirror.has(`k${k}`));
      assert.equal(map.get(`k${k}`), mirror.get(`k${k}`));
    }
  }
});
