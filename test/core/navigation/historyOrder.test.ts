import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { readRevisionFile } from "../../../server/src/core/alembic/revisionFile";
import { buildRevisionGraph } from "../../../server/src/core/graph/revisionGraph";
import { historyOrder } from "../../../server/src/core/navigation/historyOrder";

interface Header {
  readonly id: string;
  readonly parents: readonly string[];
  readonly dependsOn: readonly string[];
  readonly branchLabels: readonly string[];
}

/** Revisions in the given order (the order Alembic would load their files). */
function orderOf(revisions: readonly Header[]): readonly string[] {
  const tuple = (ids: readonly string[]): string => (ids.length === 0 ? "None" : `(${ids.map((i) => JSON.stringify(i)).join(", ")},)`);
  const files = revisions.map((r, i) =>
    readRevisionFile(
      `/project/versions/${String(i).padStart(5, "0")}.py`,
      `revision = ${JSON.stringify(r.id)}\ndown_revision = ${tuple(r.parents)}\ndepends_on = ${tuple(r.dependsOn)}\nbranch_labels = ${tuple(r.branchLabels)}\n`,
    ),
  );
  return historyOrder(buildRevisionGraph(files));
}

const h = (id: string, parents: string[] = [], dependsOn: string[] = [], branchLabels: string[] = []): Header => ({ id, parents, dependsOn, branchLabels });

// Expected orders are Alembic 1.8's (scripts/alembic-history-order.py).
test("two branches: walk down one head until the other head needs the next revision", () => {
  assert.deepEqual(orderOf([h("a1"), h("b2", ["a1"]), h("c3", ["b2"]), h("d4", ["a1"])]), ["c3", "b2", "d4", "a1"]);
});

test("merges, depends_on and a second base", () => {
  const revisions = [h("a1"), h("b2", ["a1"]), h("c3", ["a1"]), h("m4", ["b2", "c3"]), h("x5", ["m4"], ["c3"]), h("y6", ["b2"]), h("z7", [], ["y6"], ["other"])];
  assert.deepEqual(orderOf(revisions), ["x5", "m4", "z7", "y6", "b2", "c3", "a1"]);
});

test("a cycle does not hang the walk; its revisions come last", () => {
  assert.deepEqual(orderOf([h("a1", ["b2"]), h("b2", ["a1"]), h("c3")]), ["c3", "a1", "b2"]);
});

const ALEMBIC = "/usr/bin/python3";
const hasAlembic = spawnSync(ALEMBIC, ["-c", "import alembic"], { cwd: "/" }).status === 0;

test("the 17 real histories list in Alembic 1.8's own order", { skip: !hasAlembic && "Alembic is not installed for /usr/bin/python3" }, () => {
  const folder = path.resolve("test", "fixtures", "histories");
  const histories: Record<string, Header[]> = {};
  for (const name of fs.readdirSync(folder)) histories[name] = (JSON.parse(fs.readFileSync(path.join(folder, name), "utf8")) as { revisions: Header[] }).revisions;
  // Run from / so no local folder named `alembic` shadows the package.
  const run = spawnSync(ALEMBIC, [path.resolve("scripts", "alembic-history-order.py")], { cwd: "/", input: JSON.stringify(histories), encoding: "utf8", maxBuffer: 1 << 26 });
  assert.equal(run.status, 0, run.stderr);
  const expected = JSON.parse(run.stdout) as Record<string, string[]>;
  for (const [name, revisions] of Object.entries(histories)) assert.deepEqual(orderOf(revisions), expected[name], name);
});
