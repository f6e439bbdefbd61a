import { test } from "node:test";
import * as assert from "node:assert/strict";
import { readRevisionFile, type RevisionFile } from "../../../server/src/core/alembic/revisionFile";
import { memoizedRevisionGraph, type GraphMemos } from "../../../server/src/core/graph/graphMemo";
import { buildRevisionGraph, type RevisionGraph } from "../../../server/src/core/graph/revisionGraph";

const revision = (name: string, id: string, down: string, body = "pass"): RevisionFile =>
  readRevisionFile(`/v/${name}.py`, `revision = "${id}"\ndown_revision = ${down}\n\ndef upgrade():\n    ${body}\n`);

/** What a graph says, without the files behind it. */
function shape(graph: RevisionGraph): unknown {
  return {
    nodes: [...graph.nodes].map(([id, n]) => [id, n.file.path, n.parents, n.dependsOn, [...n.labels], n.children, n.partial]),
    heads: graph.heads,
    bases: graph.bases,
    order: graph.order,
    definitions: [...graph.definitions].map(([id, files]) => [id, files.map((f) => f.path)]),
  };
}

const history = [revision("a", "aaa", "None"), revision("b", "bbb", '"aaa"'), revision("c", "ccc", '"bbb"')];

test("an edit to a body reuses the last graph with the edited file in it", () => {
  const memos: GraphMemos = new Map();
  const first = memoizedRevisionGraph(history, memos, "set");
  const edited = [history[0]!, revision("b", "bbb", '"aaa"', "op.drop_table('t')"), history[2]!];
  const second = memoizedRevisionGraph(edited, memos, "set");
  assert.equal(second.order, first.order, "the order is the last graph's, not built again");
  assert.equal(second.nodes.get("bbb")!.file, edited[1]);
  assert.equal(second.definitions.get("bbb")![0], edited[1]);
  assert.equal(second.nodes.get("aaa"), first.nodes.get("aaa"));
  assert.deepEqual(shape(second), shape(buildRevisionGraph(edited)));
  assert.equal(memoizedRevisionGraph(edited, memos, "set"), second, "nothing changed: the very same graph");
});

test("a changed header, a file added or another set's files build the graph again", () => {
  const memos: GraphMemos = new Map();
  memoizedRevisionGraph(history, memos, "set");
  const moved = [history[0]!, history[1]!, revision("c", "ccc", '"aaa"')];
  assert.deepEqual(shape(memoizedRevisionGraph(moved, memos, "set")), shape(buildRevisionGraph(moved)));
  assert.deepEqual(memoizedRevisionGraph(moved, memos, "set").heads, ["bbb", "ccc"]);
  const added = [...moved, revision("d", "ddd", '("bbb", "ccc")')];
  assert.deepEqual(memoizedRevisionGraph(added, memos, "set").heads, ["ddd"]);
  const labelled = [revision("a", "aaa", "None"), readRevisionFile("/v/b.py", 'revision = "bbb"\ndown_revision = "aaa"\nbranch_labels = ("x",)\n')];
  assert.deepEqual([...memoizedRevisionGraph(labelled, memos, "set").nodes.get("bbb")!.labels], ["x"]);
  assert.deepEqual(memoizedRevisionGraph(history, memos, "other").order, ["aaa", "bbb", "ccc"]);
});
