import * as fs from "node:fs";
import * as path from "node:path";
import { TempRepo } from "../git/repo";

/**
 * A branch fixture as a real repository: `fork/` committed on main, the branch `feature` forked
 * there with `branch/` laid over it, then `main/` laid over main after the fork. The feature
 * branch is checked out, so main is the base the analysis compares it with.
 */
export function buildBranchRepository(fixture: string): TempRepo {
  const repo = TempRepo.init("main");
  layOver(repo, path.join(fixture, "fork"));
  repo.commitAll("fork point");
  repo.git("checkout", "-q", "-b", "feature");
  layOver(repo, path.join(fixture, "branch"));
  repo.commitAll("the branch's migrations");
  repo.git("checkout", "-q", "main");
  layOver(repo, path.join(fixture, "main"));
  repo.commitAll("main moves on");
  repo.git("checkout", "-q", "feature");
  return repo;
}

/** The branch with the fix committed, merged with main: the history the merge will leave. */
export function mergeWithMain(repo: TempRepo): void {
  repo.commitAll("the fix");
  repo.git("merge", "-q", "--no-edit", "main");
}

function layOver(repo: TempRepo, folder: string): void {
  if (!fs.existsSync(folder)) return;
  fs.cpSync(folder, repo.root, { recursive: true });
}
