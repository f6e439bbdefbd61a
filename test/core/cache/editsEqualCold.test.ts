import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import type { AnalysisResult } from "../../../server/src/core/analysis/analyzeSets";
import type { ParseCache } from "../../../server/src/core/cache/parseCache";
import { NodeFileHost } from "../../../server/src/node/nodeFileHost";
import { DEFAULT_OPTIONS } from "../../../server/src/core/analysis/analyzedSet";
import { generateHistory, writeProject } from "../../../scripts/benchHistory";
import { prng } from "../../../scripts/benchRandom";

const REVISIONS = 5000;
const EDITS = 6;

class MemoryCache implements ParseCache {
  readonly entries = new Map<string, string>();
  read(key: string): string | undefined {
    return this.entries.get(key);
  }
  write(key: string, value: string): void {
    this.entries.set(key, value);
  }
}

function said(result: AnalysisResult): string {
  return JSON.stringify({ findings: result.findings, heads: result.sets.map((s) => s.graph.heads) });
}

function cold(root: string, cache?: ParseCache): string {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [root], undefined, cache);
  workspace.discover();
  return said(workspace.analyze());
}

/** Edits a revision file as a user might: each changes what the analysis finds. */
const EDIT_KINDS: ((text: string, i: number) => string)[] = [
  // A column added to a table the history never creates.
  (text, i) => text.replace(/(def upgrade\(\) -> None:\n)/, `$1    op.add_column('nowhere_${i}', sa.Column('c', sa.Integer(), nullable=False))\n`),
  // A table dropped that later revisions still alter.
  (text) => text.replace(/(def upgrade\(\) -> None:\n)/, "$1    op.drop_table('users')\n"),
  // down_revision mistyped: a second head, an unknown revision.
  (text) => text.replace(/^down_revision: (.*) = '([0-9a-f]+)'$/m, "down_revision: $1 = '$2x'"),
  // A table created that another branch's revisions may use.
  (text, i) => text.replace(/(def upgrade\(\) -> None:\n)/, `$1    op.create_table('made_${i}', sa.Column('id', sa.Integer(), nullable=False))\n`),
  // A NOT NULL column without a default on an existing table.
  (text, i) => text.replace(/(def upgrade\(\) -> None:\n)/, `$1    op.add_column('orders', sa.Column('required_${i}', sa.String(), nullable=False))\n`),
];

test(`a ${REVISIONS}-revision history edited at random: the kept workspace (cache, replays from the last checkpoint before an edit) finds exactly what a cold analysis finds`, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-edits-"));
  try {
    const files = writeProject(root, generateHistory(REVISIONS, 0x5eed));
    const cache = new MemoryCache();
    // As the language server keeps it: readings cached, each analysis replaying only what an edit changed.
    const kept = new MigrationWorkspace(new NodeFileHost(), [root], { ...DEFAULT_OPTIONS, replayMemos: new Map(), graphMemos: new Map() }, cache);
    kept.discover();
    const first = kept.analyze();
    assert.equal(said(first), cold(root));
    // Half the edits land among the newest revisions, where a branch's work usually is.
    const order = first.sets[0]!.graph.order.map((id) => first.sets[0]!.graph.nodes.get(id)!.file.path);
    const newest = order.slice(Math.floor(order.length * 0.97));
    const random = prng(0xed17);
    for (let i = 0; i < EDITS; i++) {
      // A file the edit applies to (a merge has no single down_revision to mistype).
      let file: string;
      let text: string;
      let edited: string;
      do {
        const among = i % 2 === 0 ? files : newest;
        file = among[Math.floor(random() * among.length)]!;
        text = fs.readFileSync(file, "utf8");
        edited = EDIT_KINDS[i % EDIT_KINDS.length]!(text, i);
      } while (edited === text);
      fs.writeFileSync(file, edited);
      kept.refresh(file);
      const expected = cold(root);
      assert.equal(said(kept.analyze()), expected, `after edit ${i} of ${path.basename(file)}`);
      assert.equal(cold(root, cache), expected, `a new workspace reading from the cache, after edit ${i}`);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
