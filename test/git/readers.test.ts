import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readBranchState, type BranchState } from "../../server/src/core/git/branchState";
import { NodeGitHost } from "../../server/src/node/nodeGitHost";
import { TempRepo, writeAlembicProject, writeRevision } from "./repo";

// The git command's plumbing and isomorphic-git (used where git cannot read the repository)
// must read the same branch: refs, merge-base, files at both commits, the base's new texts.

const comparable = (state: BranchState): unknown =>
  state.available ? { ...state, atMergeBase: [...state.atMergeBase], atBase: [...state.atBase], baseTexts: [...state.baseTexts] } : state;

async function bothReaders(folder: string, base?: string): Promise<unknown> {
  const versions = path.join(folder, "alembic", "versions");
  const command = await readBranchState(new NodeGitHost(), folder, base, [versions]);
  const isomorphic = await readBranchState(new NodeGitHost({ gitCommand: false }), folder, base, [versions]);
  assert.deepEqual(comparable(isomorphic), comparable(command));
  return comparable(command);
}

function forked(): TempRepo {
  const repo = TempRepo.init();
  writeAlembicProject(repo);
  writeRevision(repo, "aaa1", undefined, "pass");
  repo.commitAll("base");
  repo.git("checkout", "-q", "-b", "feature");
  writeRevision(repo, "bbb2", "aaa1", "pass");
  repo.commitAll("feature");
  repo.git("checkout", "-q", "main");
  writeRevision(repo, "ccc3", "aaa1", "pass");
  repo.git("tag", "-a", "-m", "release", "v1");
  repo.commitAll("main moves on");
  repo.git("pack-refs", "--all");
  repo.git("checkout", "-q", "feature");
  return repo;
}

test("both readers agree: a moved base, packed refs, an annotated tag as base, a detached HEAD", async () => {
  const repo = forked();
  const state = (await bothReaders(repo.root)) as { base: string; baseTexts: [string, string][] };
  assert.equal(state.base, "main");
  assert.deepEqual(state.baseTexts.map(([file]) => path.basename(file)), ["ccc3_rev.py"]);
  await bothReaders(repo.root, "v1");
  repo.git("checkout", "-q", "--detach", "HEAD");
  await bothReaders(repo.root);
});

test("both readers agree in a linked worktree, a clone that borrows objects (--shared), and a gc'd repository", async () => {
  const repo = forked();
  const worktree = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ml-wt-")), "tree");
  repo.git("worktree", "add", "-q", worktree, "feature~0");
  await bothReaders(worktree, "main");
  repo.git("checkout", "-q", "main");
  const shared = new TempRepo(fs.mkdtempSync(path.join(os.tmpdir(), "ml-shared-")));
  shared.git("clone", "-q", "--shared", repo.root, ".");
  shared.git("checkout", "-q", "-b", "topic", "origin/feature");
  const state = (await bothReaders(shared.root)) as { base: string };
  assert.equal(state.base, "origin/main");
  repo.git("gc", "-q", "--aggressive");
  await bothReaders(repo.root);
});
