import { after, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import { readRevisionFile } from "../../../server/src/core/alembic/revisionFile";
import { alembicRevisionId, readTemplateSource, renderNewRevision } from "../../../server/src/core/navigation/newRevision";
import { NodeFileHost } from "../../../server/src/node/nodeFileHost";
import { INI, Project, revision } from "./project";

const NOW = new Date(2024, 4, 6, 7, 8, 9, 120);
const host = new NodeFileHost();
const ids = (...list: string[]) => () => list.shift() ?? "ffffffffffff";

function setOf(folder: string) {
  const workspace = new MigrationWorkspace(host, [folder]);
  workspace.discover();
  return workspace.analyze().sets[0]!;
}

test("without a script.py.mako: Alembic 1.8's generic layout, <rev>_<slug>.py in the version folder", () => {
  const set = setOf(path.resolve("examples", "blog"));
  const rendered = renderNewRevision(set, { message: "Add comments!", parents: ["4d5e6f708192"] }, NOW, readTemplateSource(host, set.spec), ids("0123456789ab"));
  assert.equal(rendered.file, path.resolve("examples/blog/alembic/versions/0123456789ab_add_comments.py"));
  assert.equal(rendered.template, undefined);
  assert.equal(rendered.fallbackReason, "the set has no script.py.mako");
  const parsed = readRevisionFile(rendered.file, rendered.text);
  assert.equal(parsed.revision?.id, "0123456789ab");
  assert.deepEqual(parsed.downRevision?.refs.map((r) => r.id), ["4d5e6f708192"]);
  assert.equal(rendered.text.split("\n")[rendered.revisionLine], "revision = '0123456789ab'");
});

const custom = path.resolve("test/fixtures/new-revision/custom-template");

test("the set's own script.py.mako, file_template and truncate_slug_length", () => {
  const set = setOf(custom);
  const rendered = renderNewRevision(set, { message: "Add the billing address columns", parents: ["1f2e3d4c5b6a"] }, NOW, readTemplateSource(host, set.spec), ids("a1b2c3d4e5f6"));
  assert.equal(rendered.template, path.join(custom, "migrations", "script.py.mako"));
  assert.equal(rendered.fallbackReason, undefined);
  // Slug cut at 20 characters, back to the last word, as Alembic does.
  assert.equal(path.basename(rendered.file), "2024_05_06_0708-a1b2c3d4e5f6_add_the_billing_.py");
  assert.equal(path.dirname(rendered.file), path.join(custom, "migrations", "versions"));
  assert.equal(
    rendered.text.split("\n").slice(0, 7).join("\n"),
    '"""Add the billing address columns\n\nRevision ID: a1b2c3d4e5f6\nRevises: 1f2e3d4c5b6a\nCreate Date: 2024-05-06 07:08:09.120000\nOwner: data platform\n"""',
  );
  assert.match(rendered.text, /\nrevision: str = 'a1b2c3d4e5f6'\ndown_revision: Union\[str, Sequence\[str\], None\] = '1f2e3d4c5b6a'\nbranch_labels = None\n/);
  assert.equal(rendered.text.split("\n")[rendered.revisionLine], "revision: str = 'a1b2c3d4e5f6'");
});

test("a merge revision names every head; a new base has none", () => {
  const set = setOf(custom);
  const source = readTemplateSource(host, set.spec);
  const merge = renderNewRevision(set, { message: "merge", parents: ["1f2e3d4c5b6a", "0a0a0a0a0a0a"] }, NOW, source, ids("b1"));
  assert.match(merge.text, /\ndown_revision: Union\[str, Sequence\[str\], None\] = \('1f2e3d4c5b6a', '0a0a0a0a0a0a'\)\n/);
  assert.match(merge.text, /\nRevises: 1f2e3d4c5b6a, 0a0a0a0a0a0a\n/);
  const base = renderNewRevision(set, { message: "", parents: [] }, NOW, source, ids("c1"));
  assert.match(base.text, /^"""empty message\n/);
  assert.match(base.text, /\ndown_revision = None\n/);
  assert.equal(path.basename(base.file), "2024_05_06_0708-c1_.py");
});

const p = new Project({
  "alembic.ini": `${INI}timezone = UTC\n`,
  "alembic/versions/a1.py": revision("a1", null),
});
after(() => p.dispose());

test("a template the renderer cannot follow, or that loses the parents, gives the default layout with the reason", () => {
  const set = setOf(p.root);
  const source = readTemplateSource(host, set.spec);
  const unsupported = renderNewRevision(set, { message: "x", parents: ["a1"] }, NOW, { ...source, template: { file: "t", text: "<%inherit file='x'/>" } }, ids("d1"));
  assert.equal(unsupported.template, undefined);
  assert.match(unsupported.fallbackReason ?? "", /^script.py.mako uses Mako tag/);
  assert.match(unsupported.text, /\ndown_revision = 'a1'\n/);
  const lossy = renderNewRevision(set, { message: "x", parents: ["a1"] }, NOW, { ...source, template: { file: "t", text: "revision = ${repr(up_revision)}\ndown_revision = None\n" } }, ids("d2"));
  assert.equal(lossy.fallbackReason, "the rendered script.py.mako does not assign the requested down_revision");
});

test("the configured timezone shows in Create Date; a taken id is drawn again; ids look like Alembic's", () => {
  p.write("alembic/script.py.mako", '"""${message}\n\nCreate Date: ${create_date}\n"""\nrevision = ${repr(up_revision)}\ndown_revision = ${repr(down_revision)}\n');
  const set = setOf(p.root);
  const rendered = renderNewRevision(set, { message: "tz", parents: ["a1"] }, new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), readTemplateSource(host, set.spec), ids("a1", "e2"));
  assert.equal(rendered.id, "e2");
  assert.match(rendered.text, /\nCreate Date: 2024-01-02 03:04:05\+00:00\n/);
  assert.match(alembicRevisionId(), /^[0-9a-f]{12}$/);
  assert.notEqual(alembicRevisionId(), alembicRevisionId());
});

test("pyproject.toml's [tool.alembic] file_template is honoured", () => {
  const folder = fs.mkdtempSync(path.join(p.root, "pyproject-"));
  fs.mkdirSync(path.join(folder, "migrations", "versions"), { recursive: true });
  fs.writeFileSync(path.join(folder, "pyproject.toml"), '[tool.alembic]\nscript_location = "%(here)s/migrations"\nfile_template = "%%(epoch)s_%%(rev)s"\n');
  fs.writeFileSync(path.join(folder, "migrations", "versions", "a1.py"), revision("a1", null));
  const set = setOf(folder);
  const rendered = renderNewRevision(set, { message: "x", parents: ["a1"] }, new Date(Date.UTC(2024, 0, 1)), readTemplateSource(host, set.spec), ids("f1"));
  assert.equal(path.basename(rendered.file), "1704067200_f1.py");
});
