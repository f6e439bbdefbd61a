import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TempRepo, writeAlembicProject, writeRevision } from "../git/repo";

const DIST = path.resolve("dist");

before(() => {
  if (!fs.existsSync(path.join(DIST, "cli.js"))) spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
});

/**
 * The built CLI in a folder of its own, whose analyser bundle can be hidden: a run that needs it
 * then fails, so a run that succeeds without it printed a kept result.
 */
class HideableCli {
  readonly folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-dist-"));
  private readonly bundle = path.join(this.folder, "cli-main.js");

  constructor() {
    for (const name of fs.readdirSync(DIST)) {
      // The launcher is copied: Node would resolve a linked one back to dist/ and load dist's bundle.
      if (name === "cli.js") fs.copyFileSync(path.join(DIST, name), path.join(this.folder, name));
      else fs.symlinkSync(path.join(DIST, name), path.join(this.folder, name));
    }
  }

  hide(): void {
    fs.renameSync(this.bundle, `${this.bundle}.hidden`);
  }

  show(): void {
    fs.renameSync(`${this.bundle}.hidden`, this.bundle);
  }

  run(cwd: string, env: NodeJS.ProcessEnv, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
    return spawnSync(process.execPath, [path.join(this.folder, "cli.js"), "check", ".", "--format", "json", ...args], { cwd, env, encoding: "utf8" });
  }
}

/** main: users, then a NOT NULL column; the feature branch adds a third revision. */
function project(): TempRepo {
  const repo = TempRepo.init();
  writeAlembicProject(repo);
  writeRevision(repo, "aaa1", undefined, `op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))`);
  writeRevision(repo, "bbb2", "aaa1", `op.add_column("users", sa.Column("email", sa.String, nullable=False))`);
  repo.commitAll("history");
  repo.git("checkout", "-q", "-b", "feature");
  writeRevision(repo, "ccc3", "bbb2", `op.add_column("users", sa.Column("name", sa.String, nullable=False))`);
  repo.commitAll("feature");
  return repo;
}

test("a check whose every read gives the same answer prints what it printed, without loading the analyser; a changed file, folder, config, ref or command line runs it again", () => {
  const repo = project();
  const cli = new HideableCli();
  const env = { ...process.env, XDG_CACHE_HOME: fs.mkdtempSync(path.join(os.tmpdir(), "ml-results-")) };
  const check = (...args: string[]) => cli.run(repo.root, env, args);
  const fresh = (...args: string[]) => cli.run(repo.root, env, [...args, "--no-cache"]);

  const first = check("--fail-on", "warning");
  assert.equal(first.status, 1, first.stderr);
  assert.match(first.stdout, /add-required-column/);
  cli.hide();
  const recalled = check("--fail-on", "warning");
  assert.equal(recalled.stdout, first.stdout, recalled.stderr);
  assert.equal(recalled.status, 1, "the exit status is kept too");
  cli.show();

  /** After the change, a run without the analyser fails (nothing kept holds); the analyser's run is a fresh one's, and is kept. */
  const runsAgain = (what: string, change: () => void, ...args: string[]) => {
    change();
    cli.hide();
    const blind = check(...args);
    assert.notEqual(blind.status, 0, `${what}: a kept result was printed`);
    assert.match(blind.stderr, /cli-main\.js/, what);
    cli.show();
    const again = check(...args);
    assert.equal(again.stdout, fresh(...args).stdout, what);
    cli.hide();
    assert.equal(check(...args).stdout, again.stdout, `${what}: the new run is kept`);
    cli.show();
    return again;
  };

  const edited = runsAgain("an edited revision", () => repo.write("alembic/versions/ccc3_rev.py", repo.read("alembic/versions/ccc3_rev.py").replace("nullable=False", "nullable=True")));
  assert.doesNotMatch(edited.stdout, /ccc3_rev\.py.*add-required-column/);
  runsAgain("a new revision", () => writeRevision(repo, "ddd4", "ccc3", `op.drop_table("users")`));
  runsAgain("a configuration file where none was", () => repo.write(".migration-lens.toml", "scope = \"all\"\n"));
  runsAgain("the base moved", () => {
    // A commit on main made without leaving the edited work tree.
    const commit = repo.git("commit-tree", "main^{tree}", "-p", "main", "-m", "main moves on").trim();
    repo.git("update-ref", "refs/heads/main", commit);
  });
  runsAgain("HEAD detached", () => repo.git("checkout", "-q", "--detach", "HEAD"));
  runsAgain("another command line", () => undefined, "--fail-on", "warning", "--all");

  // A base git would read through its reflog or ancestry cannot be told from the ref files: never kept.
  check("--base", "main~1");
  cli.hide();
  assert.notEqual(check("--base", "main~1").status, 0);
  cli.show();

  // A corrupt entry is not trusted.
  const results = path.join(env.XDG_CACHE_HOME, "migration-lens", "results");
  for (const name of fs.readdirSync(results)) fs.writeFileSync(path.join(results, name), "not a result");
  cli.hide();
  assert.notEqual(check().status, 0);
  cli.show();
});
