import { after, test } from "node:test";
import * as assert from "node:assert/strict";
import { revisionHoverAt } from "../../../server/src/core/navigation/hover";
import { chainProject } from "./chain";

const p = chainProject();
after(() => p.dispose());

test("hover on a down_revision describes the parent: message, date, file, parents, children, role", () => {
  const file = "alembic/versions/c3_add_slug.py";
  const hover = revisionHoverAt(p.result, p.path(file), p.at(file, 'down_revision = "b2"', 18))!;
  assert.deepEqual(hover.range, { start: { line: 11, character: 17 }, end: { line: 11, character: 19 } });
  assert.equal(
    hover.markdown,
    [
      "**`b2`** create posts",
      "",
      "*branch point*",
      "",
      "- Created: 2024-01-02 09:00:00",
      "- File: `versions/b2_create_posts.py`",
      "- Parents: `a1` create users",
      "- Children: `c3` add slug, `d4` start feature",
    ].join("\n"),
  );
});

test("hover shows labels, depends_on, head and the file's problem counts", () => {
  const file = "alembic/versions/f6_add_tags.py";
  const markdown = revisionHoverAt(p.result, p.path(file), p.at(file, 'revision = "f6"', 12))!.markdown;
  // e5 and f6 are both heads of branch "feature": multiple-heads is an error on each.
  assert.match(markdown, /^\*\*`f6`\*\* add tags\n\n\*head · 1 error\*/);
  assert.match(markdown, /- Parents: `feature` start feature/);
  assert.match(markdown, /- Depends on: `c3` add slug/);
  assert.match(markdown, /- Branch labels: `feature`/);
});

test("hover on an id nothing defines says so; off ids there is no hover", () => {
  p.write("alembic/versions/g7_typo.py", "revision = 'g7'\ndown_revision = 'zz'\n");
  const result = p.analyze();
  const file = "alembic/versions/g7_typo.py";
  assert.match(revisionHoverAt(result, p.path(file), p.at(file, "zz"))!.markdown, /no revision in this set has this id/);
  assert.equal(revisionHoverAt(result, p.path(file), { line: 0, character: 0 }), undefined);
});
