import { after, test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { prepareRenameAt, renameAt, type RenamePlan } from "../../../server/src/core/navigation/rename";
import { chainProject } from "./chain";

const p = chainProject();
after(() => p.dispose());
const file = "alembic/versions/c3_add_slug.py";

test("prepareRename offers the id under the cursor", () => {
  assert.deepEqual(prepareRenameAt(p.result, p.path(file), p.at(file, 'down_revision = "b2"', 18)), {
    range: { start: { line: 11, character: 17 }, end: { line: 11, character: 19 } },
    placeholder: "b2",
  });
});

test("renaming b2 edits its revision value, docstring, and every child's down_revision and Revises line", () => {
  const plan = renameAt(p.result, p.path(file), p.at(file, 'down_revision = "b2"', 18), "bb22") as RenamePlan;
  const edits = plan.edits.map((e) => `${path.basename(e.file)}:${e.range.start.line}:${e.range.start.character}-${e.range.end.character} ${e.newText}`);
  assert.deepEqual(edits, [
    "b2_create_posts.py:2:13-15 bb22",
    "b2_create_posts.py:10:12-14 bb22",
    "c3_add_slug.py:3:9-11 bb22",
    "c3_add_slug.py:11:17-19 bb22",
    "d4_feature.py:3:9-11 bb22",
    "d4_feature.py:11:17-19 bb22",
  ]);
  assert.deepEqual(plan.fileRenames, [{ from: p.path("alembic/versions/b2_create_posts.py"), to: p.path("alembic/versions/bb22_create_posts.py") }]);
});

test("a rename through depends_on reaches the dependent file", () => {
  const plan = renameAt(p.result, p.path(file), p.at(file, 'revision = "c3"', 12), "cc33") as RenamePlan;
  const files = new Set(plan.edits.map((e) => path.basename(e.file)));
  assert.deepEqual([...files].sort(), ["c3_add_slug.py", "e5_merge.py", "f6_add_tags.py"]);
});

test("refuses ids Alembic forbids, ids already taken, labels and unknown ids, with a reason", () => {
  const at = p.at(file, 'down_revision = "b2"', 18);
  assert.match((renameAt(p.result, p.path(file), at, "b2-new") as { error: string }).error, /'@', '-' or '\+'/);
  assert.match((renameAt(p.result, p.path(file), at, "x@y") as { error: string }).error, /Alembic does not allow/);
  assert.match((renameAt(p.result, p.path(file), at, "a1") as { error: string }).error, /'a1' is already a revision id or branch label/);
  assert.match((renameAt(p.result, p.path(file), at, "feature") as { error: string }).error, /already/);
  assert.match((renameAt(p.result, p.path(file), at, "has space") as { error: string }).error, /spaces/);
  const tags = "alembic/versions/f6_add_tags.py";
  assert.match((prepareRenameAt(p.result, p.path(tags), p.at(tags, '"feature"', 2)) as { error: string }).error, /branch label/);
  p.write("alembic/versions/g7.py", "revision = 'g7'\ndown_revision = 'zz'\n");
  const withTypo = p.analyze();
  assert.match((prepareRenameAt(withTypo, p.path("alembic/versions/g7.py"), { line: 1, character: 17 }) as { error: string }).error, /No revision in this set has the id 'zz'/);
  // Off revision ids there is no answer at all, so the editor asks Python's rename provider.
  assert.equal(prepareRenameAt(p.result, p.path(file), p.at(file, "def upgrade")), undefined);
  assert.equal(renameAt(p.result, p.path("alembic/env.py"), { line: 0, character: 0 }, "x"), undefined);
});
