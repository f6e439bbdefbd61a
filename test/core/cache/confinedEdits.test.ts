import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import type { AnalysisResult } from "../../../server/src/core/analysis/analyzeSets";
import { NodeFileHost } from "../../../server/src/node/nodeFileHost";
import { DEFAULT_OPTIONS } from "../../../server/src/core/analysis/analyzedSet";
import { generateHistory, renderRevision, writeProject, type Revision } from "../../../scripts/benchHistory";

const REVISIONS = 1200;

function said(result: AnalysisResult): string {
  return JSON.stringify({ findings: result.findings, heads: result.sets.map((s) => s.graph.heads) });
}

function cold(root: string): string {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [root]);
  workspace.discover();
  return said(workspace.analyze());
}

/** As the language server keeps a workspace: each analysis replays only what an edit changed. */
function kept(root: string): MigrationWorkspace {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [root], { ...DEFAULT_OPTIONS, replayMemos: new Map(), graphMemos: new Map() });
  workspace.discover();
  return workspace;
}

/** The analysis and how many pieces it ran in (a replayed revision is one). */
function inPieces(workspace: MigrationWorkspace): { said: string; pieces: number } {
  const steps = workspace.analysis();
  for (let pieces = 0; ; pieces++) {
    const next = steps.next();
    if (next.done) return { said: said(next.value), pieces };
  }
}

function edit(workspace: MigrationWorkspace, file: string, change: (text: string) => string): void {
  const text = fs.readFileSync(file, "utf8");
  const changed = change(text);
  assert.notEqual(changed, text, `the edit changes ${path.basename(file)}`);
  fs.writeFileSync(file, changed);
  workspace.refresh(file);
}

/** A NOT NULL column without a default on the table the application owns, after the upgrade's other operations. */
const requiredColumnAtEnd =
  (name: string) =>
  (text: string): string =>
    text.replace("    # ### end Alembic commands ###\n\n\ndef downgrade", `    op.add_column('bench_edits', sa.Column('${name}', sa.String(), nullable=False))\n    # ### end Alembic commands ###\n\n\ndef downgrade`);

/** The downgrade no longer drops the first column it dropped (incomplete-downgrade). */
function downgradeForgets(text: string): string {
  const [upgrade, downgrade] = text.split("def downgrade");
  return `${upgrade}def downgrade${downgrade!.replace(/    op\.drop_column\([^\n]*\n/, "    pass\n")}`;
}

test(`edits whose effect no later revision reads end the replay after the edited revision, and find what a cold analysis finds (${REVISIONS} revisions)`, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-confined-"));
  try {
    writeProject(root, generateHistory(REVISIONS, 0xc0ffee));
    const workspace = kept(root);
    const first = workspace.analyze();
    assert.equal(said(first), cold(root));
    const graph = first.sets[0]!.graph;
    // Revisions that add columns (a merge's body is `pass`), by their place in the replay order.
    const adding = graph.order.map((id) => graph.nodes.get(id)!.file.path).filter((file) => /def upgrade\(\) -> None:\n[^\n]*\n    op\.add_column/.test(fs.readFileSync(file, "utf8")));
    const at = (share: number): string => adding[Math.floor(adding.length * share)]!;
    const check = (what: string): number => {
      const { said: found, pieces } = inPieces(workspace);
      assert.equal(found, cold(root), what);
      return pieces;
    };

    // The downgrade is not replayed: the upgrade is as it was, and the rest of the history stands.
    edit(workspace, at(0.25), downgradeForgets);
    const downgradeEdit = check("after the downgrade edit");
    // A column on a table no later revision names, typed twice in one migration.
    edit(workspace, at(0.5), requiredColumnAtEnd("typed"));
    check("after the first keystroke");
    edit(workspace, at(0.5), (text) => text.replace("'typed'", "'typed_more'"));
    const keystroke = check("after the second keystroke");
    edit(workspace, at(0.75), requiredColumnAtEnd("later"));
    check("after an edit further on");
    // Earlier than those: later revisions name the table now, so everything after it is replayed.
    edit(workspace, at(0.3), requiredColumnAtEnd("earlier"));
    const unconfined = check("after an edit that later revisions read");
    // And back: the same file as it was.
    edit(workspace, at(0.5), (text) => text.replace("    op.add_column('bench_edits', sa.Column('typed_more', sa.String(), nullable=False))\n", ""));
    check("after the column is removed again");

    assert.ok(unconfined > REVISIONS / 2, `an edit at 30% replays what follows it: ${unconfined} pieces`);
    assert.ok(downgradeEdit < unconfined / 4, `the downgrade edit ended early: ${downgradeEdit} pieces, against ${unconfined}`);
    assert.ok(keystroke < unconfined / 4, `the second keystroke ended early: ${keystroke} pieces, against ${unconfined}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("lines typed above a CREATE TABLE move it: a finding elsewhere that names its line is judged again", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-moved-create-"));
  try {
    const column = (table: string, name: string): string => `op.add_column('${table}', sa.Column('${name}', sa.String(length=64), nullable=True))`;
    const revisions: Revision[] = [
      { id: "a0a0a0a0a0a0", message: "base", down: [], labels: [], dependsOn: [], body: ["op.create_table('users', sa.Column('id', sa.Integer(), nullable=False))"] },
      // Written first, so replayed before the revision that creates its table on the other branch.
      { id: "b1b1b1b1b1b1", message: "alter things", down: ["a0a0a0a0a0a0"], labels: [], dependsOn: [], body: [column("things", "colour")] },
      { id: "c1c1c1c1c1c1", message: "create things", down: ["a0a0a0a0a0a0"], labels: [], dependsOn: [], body: [column("users", "email"), "op.create_table('things', sa.Column('id', sa.Integer(), nullable=False))"] },
      { id: "d2d2d2d2d2d2", message: "merge", down: ["b1b1b1b1b1b1", "c1c1c1c1c1c1"], labels: [], dependsOn: [], body: [] },
    ];
    const files = writeProject(root, revisions);
    for (const [i, revision] of revisions.entries()) fs.writeFileSync(files[i]!, renderRevision(revision, new Date(Date.UTC(2024, 0, 1 + i))));
    const workspace = kept(root);
    const first = workspace.analyze();
    const order = first.sets[0]!.graph.order;
    assert.ok(order.indexOf("b1b1b1b1b1b1") < order.indexOf("c1c1c1c1c1c1"), `the alter is replayed first: ${order.join(", ")}`);
    assert.match(said(first), /created by revision 'c1c1c1c1c1c1'/);
    assert.equal(said(first), cold(root));

    edit(workspace, files[2]!, (text) => text.replace("def upgrade() -> None:\n", "def upgrade() -> None:\n    # a line typed above the CREATE\n"));
    assert.equal(said(workspace.analyze()), cold(root), "the finding names the CREATE's new line");
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
