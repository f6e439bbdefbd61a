import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

/** Runs git in `cwd` as a fixed test author, on a `main` default branch; fails the test if git does. */
export function git(cwd: string, ...args: string[]): void {
  const result = spawnSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main", ...args], { cwd, encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
}
