import { after, test } from "node:test";
import * as assert from "node:assert/strict";
import { definitionAt, referencesAt } from "../../../server/src/core/navigation/definition";
import { referencesIn } from "../../../server/src/core/navigation/revisionReferences";
import { chainProject } from "./chain";

const p = chainProject();
after(() => p.dispose());
const short = (locations: readonly { file: string; range: { start: { line: number; character: number } } }[]): string[] =>
  locations.map((l) => `${l.file.slice(p.root.length + "/alembic/versions/".length)}:${l.range.start.line}:${l.range.start.character}`);

test("every id a file writes: docstring, revision, down_revision, depends_on", () => {
  const file = p.result.sets[0]!.files.find((f) => f.path.endsWith("e5_merge.py"))!;
  assert.deepEqual(
    referencesIn(file).map((r) => `${r.kind} ${r.id}`),
    ["docstring-revision-id e5", "docstring-revises c3", "docstring-revises d4", "revision e5", "down_revision c3", "down_revision d4"],
  );
});

test("definition of a down_revision string is the parent's revision value", () => {
  const file = "alembic/versions/c3_add_slug.py";
  assert.deepEqual(short(definitionAt(p.result, p.path(file), p.at(file, 'down_revision = "b2"', 17))), ["b2_create_posts.py:10:12"]);
  // The cursor just after the id (where it sits after typing) still counts.
  assert.deepEqual(short(definitionAt(p.result, p.path(file), p.at(file, 'down_revision = "b2"', 19))), ["b2_create_posts.py:10:12"]);
});

test("definition through a branch label, a docstring line and depends_on", () => {
  const file = "alembic/versions/f6_add_tags.py";
  assert.deepEqual(short(definitionAt(p.result, p.path(file), p.at(file, '"feature"', 2))), ["d4_feature.py:10:12"]);
  assert.deepEqual(short(definitionAt(p.result, p.path(file), p.at(file, "Revises: feature", 10))), ["d4_feature.py:10:12"]);
  assert.deepEqual(short(definitionAt(p.result, p.path(file), p.at(file, 'depends_on = "c3"', 14))), ["c3_add_slug.py:10:12"]);
});

test("no definition off an id, or for an id nothing defines", () => {
  const file = "alembic/versions/c3_add_slug.py";
  assert.deepEqual(definitionAt(p.result, p.path(file), p.at(file, "def upgrade")), []);
  assert.deepEqual(definitionAt(p.result, p.path("alembic/env.py"), { line: 0, character: 0 }), []);
});

test("references: every file naming the revision, declaration optional", () => {
  const file = "alembic/versions/b2_create_posts.py";
  const position = p.at(file, 'revision = "b2"', 12);
  // The docstring's Revision ID line, then each child's Revises line and down_revision string.
  assert.deepEqual(short(referencesAt(p.result, p.path(file), position, false)), [
    "b2_create_posts.py:2:13",
    "c3_add_slug.py:3:9",
    "c3_add_slug.py:11:17",
    "d4_feature.py:3:9",
    "d4_feature.py:11:17",
  ]);
  assert.equal(referencesAt(p.result, p.path(file), position, true).length, 6);
});

test("references of a labelled revision include the label used as a parent", () => {
  const file = "alembic/versions/d4_feature.py";
  assert.deepEqual(short(referencesAt(p.result, p.path(file), p.at(file, 'revision = "d4"', 12), false)), [
    "d4_feature.py:2:13",
    "e5_merge.py:3:13",
    "e5_merge.py:11:24",
    "f6_add_tags.py:3:9",
    "f6_add_tags.py:11:17",
  ]);
});
