import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../server/src/cli/main";
import { NOTES_MARKER } from "../../server/src/cli/markdownNotes";
import { buildBranchRepository } from "../fixes/branchRepository";

/**
 * Migration notes on real git histories: each test/fixtures/notes/<case> with fork/, branch/ and
 * main/ is built as a repository (see branchRepository.ts); a case with project/ is copied
 * outside git. The markdown `migration-lens notes` prints is compared with <case>/expected.md;
 * UPDATE_SNAPSHOTS=1 (or a part of a case's name) rewrites them for review.
 */
const FIXTURES = path.resolve("test", "fixtures", "notes");

async function notes(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, cwd, (s) => (stdout += s), (s) => (stderr += s));
  return { code, stdout, stderr };
}

for (const name of fs.readdirSync(FIXTURES).sort()) {
  const fixture = path.join(FIXTURES, name);
  test(`notes: ${name}`, async () => {
    const { root, fork } = checkout(fixture);
    try {
      const { code, stdout, stderr } = await notes(["notes"], root);
      assert.equal(stderr, "");
      assert.equal(code, 0, "notes fails nothing unless --fail-on is given");
      // The fork's commit id differs on every run.
      const markdown = fork ? stdout.split(fork.slice(0, 7)).join("<fork>") : stdout;
      const expected = path.join(fixture, "expected.md");
      const update = process.env["UPDATE_SNAPSHOTS"];
      if (update && (update === "1" || name.includes(update))) fs.writeFileSync(expected, markdown);
      assert.equal(markdown, fs.readFileSync(expected, "utf8"));
      assert.ok(markdown.startsWith(`${NOTES_MARKER}\n`));
      // check --format markdown is the same renderer; it keeps check's exit status.
      const check = await notes(["check", "--format", "markdown"], root);
      assert.equal(check.stdout, stdout);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
}

test("notes --fail-on error exits 1 when the branch brings errors (a second head after the merge)", async () => {
  const { root } = checkout(path.join(FIXTURES, "alembic-blocking-two-heads"));
  try {
    assert.equal((await notes(["notes", "--fail-on", "error"], root)).code, 1);
    assert.equal((await notes(["check", "--format", "markdown"], root)).code, 1);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("notes takes no --format", async () => {
  const { code, stderr } = await notes(["notes", "--format", "json"], process.cwd());
  assert.equal(code, 2);
  assert.match(stderr, /unknown option '--format'/);
});

/** The fixture as a folder to run in: a built repository on its feature branch, or project/ outside git. */
function checkout(fixture: string): { root: string; fork?: string } {
  if (fs.existsSync(path.join(fixture, "project"))) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-notes-"));
    fs.cpSync(path.join(fixture, "project"), root, { recursive: true });
    return { root };
  }
  const repo = buildBranchRepository(fixture);
  return { root: repo.root, fork: repo.git("merge-base", "HEAD", "main").trim() };
}
