import { after, test } from "node:test";
import * as assert from "node:assert/strict";
import { revisionLenses } from "../../../server/src/core/navigation/codeLens";
import { chainProject } from "./chain";

const p = chainProject();
after(() => p.dispose());
const lenses = (name: string): string[] => revisionLenses(p.result, p.path(`alembic/versions/${name}`)).map((l) => l.title);

test("lenses over revision =: parents, children, markers", () => {
  assert.deepEqual(lenses("a1_create_users.py"), ["base (no parent)", "1 child"]);
  assert.deepEqual(lenses("b2_create_posts.py"), ["parent a1", "2 children", "branch point"]);
  assert.deepEqual(lenses("e5_merge.py"), ["merges c3, d4", "no children", "head · branch feature"]);
  assert.deepEqual(lenses("f6_add_tags.py"), ["parent feature", "no children", "head · branch feature"]);
});

test("lenses sit on the revision line and point at the parents' and children's files", () => {
  const [parents, children] = revisionLenses(p.result, p.path("alembic/versions/b2_create_posts.py"));
  assert.deepEqual(parents!.range, { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } });
  assert.deepEqual(parents!.targets.map((t) => t.file), [p.path("alembic/versions/a1_create_users.py")]);
  assert.deepEqual(children!.targets.map((t) => t.file), [p.path("alembic/versions/c3_add_slug.py"), p.path("alembic/versions/d4_feature.py")]);
});

test("a missing parent is named in the lens; files outside sets have none", () => {
  p.write("alembic/versions/g7.py", "revision = 'g7'\ndown_revision = 'zz'\n");
  p.analyze();
  assert.deepEqual(lenses("g7.py"), ["parent zz (missing: zz)", "no children", "head"]);
  assert.deepEqual(revisionLenses(p.result, p.path("alembic/env.py")), []);
});
