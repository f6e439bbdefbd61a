import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { GitCommandRepository, type Execute } from "../../server/src/node/gitCommandRepository";
import { TempRepo } from "./repo";

/** Starts git as execFile does, except that the first `failures` starts fail as the system refusing a process does. */
function failingFirst(failures: number, code: string): { execute: Execute; calls: () => number } {
  let calls = 0;
  const execute = ((file: string, args: readonly string[], options: object, callback: (error: Error | null, stdout: string, stderr: string) => void) => {
    calls++;
    if (calls <= failures) {
      const error = Object.assign(new Error(`spawn ${file} ${code}`), { code, errno: -11, syscall: "spawn" });
      setImmediate(() => callback(error, "", ""));
      return undefined;
    }
    return execFile(file, args, options, callback);
  }) as unknown as Execute;
  return { execute, calls: () => calls };
}

test("a git that the system could not start once is started again: the base is still found", async () => {
  const repo = TempRepo.init("main");
  repo.write("a.txt", "a\n");
  repo.commitAll("first");
  const head = repo.git("rev-parse", "HEAD").trim();

  const flaky = failingFirst(2, "EAGAIN");
  const repository = await GitCommandRepository.open(repo.root, flaky.execute);
  assert.ok(repository, "opened although its first two starts failed");
  assert.equal(await repository.resolve("main"), head);

  // git's own failure (an unknown ref) is an answer, not retried.
  const before = flaky.calls();
  assert.equal(await repository.resolve("no-such-branch"), undefined);
  assert.equal(flaky.calls(), before + 1);

  // A system that never starts git: the repository cannot be read this way (isomorphic-git takes over), no hang.
  assert.equal(await GitCommandRepository.open(repo.root, failingFirst(Infinity, "EAGAIN").execute), undefined);
});
