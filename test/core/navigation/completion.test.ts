import { after, test } from "node:test";
import * as assert from "node:assert/strict";
import { revisionCompletionsAt } from "../../../server/src/core/navigation/completion";
import { INI, Project, revision } from "./project";

const p = new Project({
  "alembic.ini": INI,
  "alembic/versions/a1.py": revision("a1", null, { message: "first" }),
  "alembic/versions/b2.py": revision("b2", "a1", { message: "second" }),
  "alembic/versions/c3.py": revision("c3", "b2", { message: "third" }),
  "alembic/versions/d4.py": revision("d4", "a1", { message: "other branch" }),
  // Being written: the down_revision quote is open.
  "alembic/versions/n9.py": 'revision = "n9"\ndown_revision = "\n',
});
after(() => p.dispose());

test("inside an unclosed down_revision string: heads first, then newest first, with messages", () => {
  const file = "alembic/versions/n9.py";
  const items = revisionCompletionsAt(p.result, p.path(file), p.at(file, 'down_revision = "', 17));
  assert.deepEqual(items.map((i) => i.id), ["c3", "d4", "b2", "a1"]);
  assert.deepEqual(items.map((i) => i.detail), ["third", "other branch", "second", "first"]);
  assert.deepEqual(items.map((i) => i.sortText), ["0", "1", "2", "3"]);
  assert.deepEqual(items[0]!.range, { start: { line: 1, character: 17 }, end: { line: 1, character: 17 } });
  assert.match(items[0]!.documentation, /\*\*`c3`\*\* third/);
});

test("inside a depends_on string, replacing the id being typed", () => {
  const file = "alembic/versions/n9.py";
  p.write(file, 'revision = "n9"\ndown_revision = "a1"\ndepends_on = ("c3", "")\n');
  p.analyze();
  const items = revisionCompletionsAt(p.result, p.path(file), p.at(file, '("c3"', 3));
  assert.equal(items.length, 4);
  assert.deepEqual(items[0]!.range, { start: { line: 2, character: 15 }, end: { line: 2, character: 17 } });
});

test("the file's own revision and its descendants are not offered (they would make a cycle)", () => {
  const file = "alembic/versions/b2.py";
  p.write(file, revision("b2", "", { message: "second" }));
  const result = p.analyze();
  const items = revisionCompletionsAt(result, p.path(file), p.at(file, 'down_revision = ""', 17));
  assert.deepEqual(items.map((i) => i.id), ["d4", "a1"]);
});

test("nothing outside a string or outside down_revision / depends_on", () => {
  const file = "alembic/versions/c3.py";
  assert.deepEqual(revisionCompletionsAt(p.result, p.path(file), p.at(file, "down_revision =", 3)), []);
  assert.deepEqual(revisionCompletionsAt(p.result, p.path(file), p.at(file, 'revision = "c3"', 12)), []);
  assert.deepEqual(revisionCompletionsAt(p.result, p.path(file), p.at(file, "Revision ID: c3", 14)), []);
});
