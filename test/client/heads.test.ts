import { test } from "node:test";
import * as assert from "node:assert/strict";
import { competingHeads } from "../../client/src/heads";
import { setOf } from "./history";

test("two unlabelled heads compete; one head does not", () => {
  assert.deepEqual(competingHeads(setOf([{ id: "a" }, { id: "b", parents: ["a"] }, { id: "c", parents: ["a"] }])), [["c", "b"]]);
  assert.deepEqual(competingHeads(setOf([{ id: "a" }, { id: "b", parents: ["a"] }])), []);
});

test("heads of distinct labelled branches live side by side; a shared label competes", () => {
  const apart = setOf([{ id: "a", labels: ["expand"] }, { id: "b", labels: ["contract"] }]);
  assert.deepEqual(competingHeads(apart), []);
  const shared = setOf([{ id: "a", labels: ["expand"] }, { id: "b", parents: ["a"], labels: ["expand"] }, { id: "c", parents: ["a"], labels: ["expand"] }, { id: "d", labels: ["contract"] }]);
  assert.deepEqual(competingHeads(shared), [["d", "c", "b"].filter((h) => h !== "d")]);
});
