import { test } from "node:test";
import * as assert from "node:assert/strict";
import { OverlayMap } from "../../../server/src/core/graph/overlayMap";

test("an overlay reads as its base with some values replaced, in the base's order, and overlays of overlays keep one base", () => {
  const base = new Map([
    ["a", 1],
    ["b", 2],
    ["c", 3],
  ]);
  const once = OverlayMap.over(base, new Map([["b", 20]]));
  assert.deepEqual([...once], [["a", 1], ["b", 20], ["c", 3]]);
  assert.equal(once.get("b"), 20);
  assert.equal(once.get("z"), undefined);
  assert.equal(once.size, 3);
  assert.ok(once.has("c") && !once.has("z"));
  const twice = OverlayMap.over(once, new Map([["c", 30]]));
  assert.deepEqual([...twice.entries()], [["a", 1], ["b", 20], ["c", 30]]);
  assert.deepEqual([...twice.values()], [1, 20, 30]);
  assert.deepEqual([...twice.keys()], ["a", "b", "c"]);
  // The layers underneath are as they were.
  assert.deepEqual([...once.values()], [1, 20, 3]);
  assert.deepEqual([...base.values()], [1, 2, 3]);
  assert.equal(OverlayMap.over(base, new Map()), base);
});
