import { test } from "node:test";
import * as assert from "node:assert/strict";
import { layoutGraph, nodeKeyOf, runKey, type GraphLayout, type LayoutNode } from "../../client/src/graph/layout";
import { chain, history, type Rev } from "./history";

const at = (layout: GraphLayout, key: string): LayoutNode => {
  const node = layout.nodes.find((n) => n.key === key);
  assert.ok(node, `no node ${key}`);
  return node;
};

/** Nothing overlaps: one node per cell, and no edge runs through a node it does not join. */
function assertDrawable(layout: GraphLayout): void {
  const cells = new Map<string, string>();
  for (const n of layout.nodes) {
    const cell = `${n.lane}:${n.depth}`;
    assert.ok(!cells.has(cell), `${n.key} and ${cells.get(cell)} share lane ${n.lane}, depth ${n.depth}`);
    cells.set(cell, n.key);
  }
  const byKey = new Map(layout.nodes.map((n) => [n.key, n]));
  for (const e of layout.edges) {
    if (e.kind === "depends") continue;
    const from = byKey.get(e.from)!, to = byKey.get(e.to)!;
    assert.ok(to.depth > from.depth, `edge ${e.from} → ${e.to} does not go up`);
    // The rows strictly between the ends are walked in the via lane (or the shared lane).
    const lane = e.via ?? (from.lane === to.lane ? from.lane : undefined);
    if (lane === undefined) {
      assert.equal(to.depth - from.depth, 1, `edge ${e.from} → ${e.to} jumps rows without a lane`);
      continue;
    }
    for (let d = from.depth + 1; d < to.depth; d++) {
      const there = cells.get(`${lane}:${d}`);
      assert.equal(there, undefined, `edge ${e.from} → ${e.to} runs through ${there} in lane ${lane}`);
    }
  }
}

/** Edges of real lanes must not share a lane over the same rows either. */
function assertEdgesApart(layout: GraphLayout): void {
  const byKey = new Map(layout.nodes.map((n) => [n.key, n]));
  const used = new Map<string, string>();
  for (const e of layout.edges) {
    if (e.kind === "depends" || e.via === undefined) continue;
    const from = byKey.get(e.from)!, to = byKey.get(e.to)!;
    for (let d = from.depth + 1; d < to.depth; d++) {
      const cell = `${e.via}:${d}`;
      const other = used.get(cell);
      assert.ok(other === undefined || other === `${e.from}`, `edges ${other} and ${e.from}→${e.to} overlap at ${cell}`);
      used.set(cell, e.from);
    }
  }
}

test("a straight history is one lane, bases at depth 0", () => {
  const layout = layoutGraph(history(chain("r", 3)), { minRun: 10 });
  assert.deepEqual(
    layout.nodes.map((n) => [n.key, n.lane, n.depth]),
    [["r0", 0, 0], ["r1", 0, 1], ["r2", 0, 2]],
  );
  assert.deepEqual(layout.edges.map((e) => [e.from, e.to, e.kind, e.via]), [["r0", "r1", "parent", undefined], ["r1", "r2", "parent", undefined]]);
  assert.equal(layout.lanes, 1);
  assert.equal(layout.maxDepth, 2);
});

test("a branch takes a second lane and the merge comes back to the first", () => {
  const revs: Rev[] = [
    { id: "a" },
    { id: "b", parents: ["a"] },
    { id: "c", parents: ["a"] },
    { id: "d", parents: ["b", "c"] },
  ];
  const layout = layoutGraph(history(revs));
  assert.equal(layout.lanes, 2);
  assert.equal(at(layout, "a").lane, 0);
  assert.equal(at(layout, "d").lane, 0);
  assert.equal(at(layout, "d").depth, 2);
  assert.notEqual(at(layout, "b").lane, at(layout, "c").lane);
  assertDrawable(layout);
});

test("a merge stays in the lane of its longer parent, whatever the order of down_revision", () => {
  const revs: Rev[] = [{ id: "a" }, { id: "side", parents: ["a"] }, ...chain("main", 3, "a"), { id: "merge", parents: ["side", "main2"] }];
  const layout = layoutGraph(history(revs), { minRun: 10 });
  assert.equal(at(layout, "merge").lane, at(layout, "main2").lane);
  assert.equal(at(layout, "merge").lane, 0);
  assert.equal(at(layout, "side").lane, 1);
  assertDrawable(layout);
});

test("depth is the longest path from a base; the long way round keeps its lane", () => {
  // a → b → c → d, and a → d directly: d sits above c, the short edge runs in its own lane.
  const revs: Rev[] = [{ id: "a" }, ...chain("x", 3, "a"), { id: "d", parents: ["x2", "a"] }];
  const layout = layoutGraph(history(revs), { minRun: 10 });
  assert.equal(at(layout, "d").depth, 4);
  const skip = layout.edges.find((e) => e.from === "a" && e.to === "d")!;
  assert.notEqual(skip.via, undefined);
  assert.notEqual(skip.via, at(layout, "x0").lane);
  assertDrawable(layout);
});

test("the longer branch stays in the parent's lane", () => {
  const revs: Rev[] = [{ id: "a" }, { id: "short", parents: ["a"] }, ...chain("long", 4, "a")];
  const layout = layoutGraph(history(revs), { minRun: 10 });
  assert.equal(at(layout, "long0").lane, at(layout, "a").lane);
  assert.equal(at(layout, "short").lane, 1);
  assertDrawable(layout);
});

test("a down_revision naming nothing hangs from a ghost one row below", () => {
  const revs: Rev[] = [{ id: "a" }, { id: "b", parents: ["a"] }, { id: "c", missing: ["b7"], errors: 1 }, { id: "d", parents: ["c"] }];
  const layout = layoutGraph(history(revs));
  const ghost = at(layout, "ghost:b7");
  assert.equal(ghost.kind, "ghost");
  assert.equal(ghost.kind === "ghost" && ghost.referrers.join(), "c");
  assert.equal(ghost.depth, at(layout, "c").depth - 1);
  assert.deepEqual(
    layout.edges.filter((e) => e.kind === "broken").map((e) => [e.from, e.to]),
    [["ghost:b7", "c"]],
  );
  assert.equal(layout.minDepth, -1);
  assertDrawable(layout);
});

test("the main line keeps the first lane when a broken chain starts lower", () => {
  const revs: Rev[] = [...chain("main", 4), { id: "stray", missing: ["nothing"] }];
  const layout = layoutGraph(history(revs), { minRun: 10 });
  for (const n of layout.nodes) if (n.key.startsWith("main")) assert.equal(n.lane, 0, n.key);
  assert.equal(at(layout, "stray").lane, 1);
  assertDrawable(layout);
});

test("a merge with one broken parent keeps its real parent and gets a ghost beside", () => {
  const revs: Rev[] = [{ id: "a" }, { id: "b", parents: ["a"] }, { id: "m", parents: ["b"], missing: ["zz"] }];
  const layout = layoutGraph(history(revs));
  assert.equal(at(layout, "m").lane, at(layout, "b").lane);
  assert.notEqual(at(layout, "ghost:zz").lane, at(layout, "m").lane);
  assertDrawable(layout);
});

test("straight runs of plain revisions fold into one node, and unfold when expanded", () => {
  const revs: Rev[] = [...chain("r", 12)];
  const folded = layoutGraph(history(revs), { minRun: 5 });
  // r0 is the base and r11 the head: r1..r10 fold.
  assert.deepEqual(folded.nodes.map((n) => n.key), ["r0", runKey("r1"), "r11"]);
  const run = at(folded, runKey("r1"));
  assert.equal(run.kind === "run" && run.revisions.map((r) => r.id).join(","), "r1,r2,r3,r4,r5,r6,r7,r8,r9,r10");
  assert.deepEqual(folded.folded, { runs: 1, revisions: 10 });
  assert.equal(folded.foldable, 1);
  assert.equal(nodeKeyOf(folded, "r4"), runKey("r1"));
  assert.equal(nodeKeyOf(folded, "r11"), "r11");

  const expanded = layoutGraph(history(revs), { minRun: 5, expanded: new Set([runKey("r1")]) });
  assert.equal(expanded.nodes.length, 12);
  assert.equal(expanded.foldable, 1);
  assert.equal(layoutGraph(history(revs), { minRun: 5, expandAll: true }).nodes.length, 12);
  assert.equal(layoutGraph(history(revs), { minRun: 11 }).nodes.length, 12);
});

test("revisions with problems, labels, depends_on or several children are never folded", () => {
  const revs: Rev[] = chain("r", 20).map((r) =>
    r.id === "r6" ? { ...r, errors: 1 } : r.id === "r12" ? { ...r, labels: ["feature"] } : r.id === "r16" ? { ...r, dependsOn: ["r3"] } : r,
  );
  const layout = layoutGraph(history(revs), { minRun: 3 });
  const shown = layout.nodes.filter((n) => n.kind === "revision").map((n) => n.key);
  for (const id of ["r0", "r3", "r6", "r12", "r16", "r19"]) assert.ok(shown.includes(id), `${id} folded`);
  assert.deepEqual(
    layout.nodes.filter((n) => n.kind === "run").map((n) => (n.kind === "run" ? `${n.revisions[0]!.id}-${n.revisions.at(-1)!.id}` : "")),
    ["r7-r11", "r13-r15"],
  );
  const depends = layout.edges.filter((e) => e.kind === "depends");
  assert.deepEqual(depends.map((e) => [e.from, e.to]), [["r3", "r16"]]);
  assertDrawable(layout);
});

test("a folded run between a branch point and a merge keeps the lanes apart", () => {
  const revs: Rev[] = [{ id: "a" }, ...chain("left", 8, "a"), ...chain("right", 2, "a"), { id: "m", parents: ["left7", "right1"] }];
  const layout = layoutGraph(history(revs), { minRun: 4 });
  assert.ok(layout.nodes.some((n) => n.kind === "run"));
  assertDrawable(layout);
  assertEdgesApart(layout);
});

test("a cycle is laid out without looping", () => {
  const revs: Rev[] = [{ id: "a" }, { id: "b", parents: ["a", "c"] }, { id: "c", parents: ["b"] }];
  const summaries = history(revs);
  const layout = layoutGraph(summaries);
  assert.equal(layout.nodes.length, 3);
  for (const n of layout.nodes) assert.ok(Number.isFinite(n.depth) && n.lane >= 0);
});

test("an empty set lays out as nothing", () => {
  const layout = layoutGraph([]);
  assert.deepEqual([layout.nodes.length, layout.edges.length, layout.lanes, layout.minDepth, layout.maxDepth], [0, 0, 0, 0, 0]);
});

test("600 revisions with branches, merges and broken links: drawable, folded, fast", () => {
  const revs: Rev[] = [{ id: "base" }];
  let main = "base";
  for (let i = 0; i < 50; i++) {
    const trunk = chain(`t${i}_`, 10, main);
    revs.push(...trunk);
    const fork = trunk[1]!.id;
    const side = chain(`s${i}_`, 1 + (i % 4), fork);
    revs.push(...side);
    const merge = { id: `m${i}`, parents: [trunk.at(-1)!.id, side.at(-1)!.id] };
    revs.push(merge);
    main = merge.id;
    if (i % 17 === 5) revs.push({ id: `broken${i}`, parents: [main], missing: [`typo${i}`], errors: 1 });
  }
  assert.ok(revs.length > 600, `only ${revs.length} revisions`);
  const started = performance.now();
  const folded = layoutGraph(history(revs));
  const expanded = layoutGraph(history(revs), { expandAll: true });
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 1000, `layout took ${elapsed.toFixed(0)} ms`);
  assert.equal(expanded.nodes.filter((n) => n.kind !== "ghost").length, revs.length);
  assert.ok(folded.nodes.length < expanded.nodes.length / 2, `${folded.nodes.length} nodes folded, ${expanded.nodes.length} expanded`);
  assert.ok(expanded.lanes <= 4, `${expanded.lanes} lanes`);
  assertDrawable(folded);
  assertDrawable(expanded);
  assertEdgesApart(expanded);
});
