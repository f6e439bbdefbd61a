import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { MigrationWorkspace } from "../../server/src/core/analysis/workspace";
import type { Finding, Fix } from "../../server/src/core/model/findings";
import { NodeFileHost } from "../../server/src/node/nodeFileHost";
import { alembic, alembicProject, applyFixes, hasAlembic } from "../support/alembicProject";

// The multiple-heads merge fix against Debian's Alembic 1.8: the file it writes is the one
// `alembic merge` writes from the same script.py.mako (or from Alembic 1.8's generic one when the
// set has none), and once it is written Alembic sees one head and renders the upgrade.
const FIXTURE = path.resolve("test/fixtures/alembic/merge-heads-own-template/alembic");
const skip = !hasAlembic && "Debian's Alembic is not installed";

/** A project made by `alembic init` holding the fixture's revisions (and its template, unless told). */
function fixtureProject(t: { after: (fn: () => void) => void }, ownTemplate: boolean): string {
  const root = alembicProject();
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  for (const name of fs.readdirSync(path.join(FIXTURE, "versions"))) fs.copyFileSync(path.join(FIXTURE, "versions", name), path.join(root, "alembic", "versions", name));
  if (ownTemplate) fs.copyFileSync(path.join(FIXTURE, "script.py.mako"), path.join(root, "alembic", "script.py.mako"));
  return root;
}

function headFindings(root: string): Finding[] {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [root], { now: () => new Date(2025, 0, 1, 12, 0, 0) });
  workspace.discover();
  return workspace.analyze().findings.filter((f) => f.rule === "multiple-heads");
}

/** The one merge fix of the heads' findings (each finding checked: only one holds it). */
function theMergeFix(root: string): Fix {
  const fixes = headFindings(root).flatMap((f) => f.fixes);
  assert.equal(fixes.length, 1, "the merge is offered once, not once per head");
  return fixes[0]!;
}

/** What `alembic merge` writes for the same heads (in the same order) and id, in a copy of the project. */
function alembicMerge(root: string, id: string, heads: readonly string[]): { name: string; text: string } {
  const copy = `${root}-alembic-merge`;
  fs.cpSync(root, copy, { recursive: true });
  try {
    const merge = alembic(copy, ["merge", "-m", "merge heads", "--rev-id", id, ...heads]);
    assert.equal(merge.status, 0, merge.stderr);
    const versions = path.join(copy, "alembic", "versions");
    const name = fs.readdirSync(versions).find((f) => f.startsWith(id))!;
    return { name, text: fs.readFileSync(path.join(versions, name), "utf8") };
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

// Alembic stamps the time it runs.
const withoutDate = (text: string): string => text.replace(/^Create Date: .*$/m, "Create Date: -");

for (const ownTemplate of [true, false]) {
  const what = ownTemplate ? "the project's script.py.mako" : "no script.py.mako (Alembic 1.8's generic one stands in)";
  test(`the merge revision, from ${what}, is the file \`alembic merge\` writes`, { skip }, (t) => {
    const root = fixtureProject(t, ownTemplate);
    const fix = theMergeFix(root);
    const [edit] = fix.edits;
    const id = path.basename(edit!.file).slice(0, 12);
    // Alembic needs a template to run: without the project's, it merges with the generic one `init` wrote.
    if (!ownTemplate) fs.renameSync(path.join(root, "alembic", "script.py.mako"), path.join(root, "alembic", "script.py.mako.off"));
    const analysedWithout = ownTemplate ? fix : theMergeFix(root);
    if (!ownTemplate) fs.renameSync(path.join(root, "alembic", "script.py.mako.off"), path.join(root, "alembic", "script.py.mako"));
    const written = analysedWithout.edits[0]!;
    const reference = alembicMerge(root, id, ["4b2c3d4e5f6a", "5c3d4e5f6a7b"]);
    assert.equal(path.basename(written.file), reference.name);
    assert.equal(withoutDate(written.newText), withoutDate(reference.text));
  });
}

test("once the merge fix is applied, Alembic sees one head and its upgrade runs on PostgreSQL", { skip }, async (t) => {
  const root = fixtureProject(t, true);
  applyFixes(theMergeFix(root));
  assert.deepEqual(headFindings(root), []);
  const heads = alembic(root, ["heads"]);
  assert.equal(heads.status, 0, heads.stderr);
  assert.equal(heads.stdout.trim().split("\n").length, 1, heads.stdout);
  const offline = alembic(root, ["upgrade", "head", "--sql"]);
  assert.equal(offline.status, 0, offline.stderr);
  const db = new PGlite();
  try {
    await db.exec(offline.stdout);
    assert.equal((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM alembic_version")).rows[0]?.n, 1);
  } finally {
    await db.close();
  }
});
