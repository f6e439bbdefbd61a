import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { git } from "../support/git";
import { readYaml } from "../support/yaml";


interface Hook {
  id: string;
  language: string;
  entry: string;
  pass_filenames: boolean;
  files: string;
}

const CLI = path.resolve("dist", "cli.js");
const MANIFEST = ".pre-commit-hooks.yaml";
const hasPreCommit = spawnSync("pre-commit", ["--version"]).status === 0;
const skip = hasPreCommit ? false : "pre-commit is not installed and could not be: npm test installs Debian's pre-commit where it can (scripts/system-tools.mjs)";
const [hook] = readYaml(MANIFEST) as Hook[];

before(() => {
  if (!fs.existsSync(CLI)) spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
});

test("the hook runs `migration-lens check` on the whole repository, installed by npm as the package's bin", () => {
  assert.ok(hook);
  assert.equal(hook.id, "migration-lens");
  assert.equal(hook.language, "node");
  assert.equal(hook.entry, "migration-lens check");
  assert.equal(hook.pass_filenames, false);
  const bin = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { bin: Record<string, string> }).bin;
  assert.equal(bin["migration-lens"], "dist/cli.js");
  // pre-commit matches `files` with Python's re.search; this pattern reads the same in JavaScript.
  const files = new RegExp(hook.files);
  for (const file of ["alembic/versions/1a2b_init.py", "services/api/migrations/V1__init.sql", "prisma/migrations/2024_init/migration.sql", "alembic.ini", "sub/pyproject.toml", ".migration-lens.toml", "db/migrations/000001_init.up.sql"]) {
    assert.ok(files.test(file), `${file} triggers the hook`);
  }
  for (const file of ["README.md", "app/models.py", "package.json"]) assert.ok(!files.test(file), `${file} does not trigger the hook`);
});

test("pre-commit accepts the manifest", { skip }, () => {
  const result = spawnSync("pre-commit", ["validate-manifest", MANIFEST], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

// pre-commit's `language: node` builds its environment with nodeenv and `npm install` from the
// registry: not possible offline. The hook is run here as `language: system` on this checkout's
// build, the same id, files and arguments; what the install would add is tested by tarball.test.ts.
test("pre-commit try-repo runs the hook: a commit touching migrations fails on their errors; others skip it", { skip }, () => {
  assert.ok(hook);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-pre-commit-"));
  const hookRepo = path.join(folder, "hook");
  fs.mkdirSync(hookRepo);
  git(hookRepo, "init", "-q");
  // JSON is YAML: the manifest with only the language and the entry changed.
  fs.writeFileSync(path.join(hookRepo, MANIFEST), JSON.stringify([{ ...hook, language: "system", entry: `${process.execPath} ${CLI} check` }]));
  git(hookRepo, "add", ".");
  git(hookRepo, "commit", "-q", "-m", "hook");

  const project = path.join(folder, "project");
  fs.cpSync(path.resolve("examples", "blog"), project, { recursive: true });
  fs.writeFileSync(path.join(project, "README.md"), "blog\n");
  git(project, "init", "-q");
  git(project, "add", ".");
  const preCommit = (...args: string[]) =>
    spawnSync("pre-commit", ["try-repo", hookRepo, "migration-lens", "--color", "never", ...args], { cwd: project, env: { ...process.env, PRE_COMMIT_HOME: path.join(folder, "cache") }, encoding: "utf8" });

  const touched = preCommit("--files", "alembic/versions/3c4d5e6f7081_add_post_slug.py");
  assert.equal(touched.status, 1, touched.stdout + touched.stderr);
  assert.match(touched.stdout, /Migration Lens\.+Failed/);
  assert.match(touched.stdout, /alembic\/versions\/3c4d5e6f7081_add_post_slug\.py:14:18 error unknown-revision /);

  const other = preCommit("--files", "README.md");
  assert.equal(other.status, 0, other.stdout + other.stderr);
  assert.match(other.stdout, /Migration Lens\.+\(no files to check\)Skipped/);
  fs.rmSync(folder, { recursive: true, force: true });
});
