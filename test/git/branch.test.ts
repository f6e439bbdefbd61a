import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TempRepo, writeAlembicProject, writeRevision } from "./repo";

const CLI = path.resolve("dist", "cli.js");

interface Diagnostic {
  rule: string;
  severity: string;
  file: string;
  line: number;
  message: string;
  fixes: { title: string; edits: { file: string; line: number; column: number; endLine: number; endColumn: number; newText: string }[]; renames?: { from: string; to: string }[] }[];
}

function check(cwd: string, ...args: string[]): { code: number | null; diagnostics: Diagnostic[]; text: string } {
  const json = spawnSync(process.execPath, [CLI, "check", ".", "--format", "json", ...args], { cwd, encoding: "utf8" });
  const text = spawnSync(process.execPath, [CLI, "check", ".", ...args], { cwd, encoding: "utf8" });
  assert.ok(json.stdout, json.stderr);
  return { code: json.status, diagnostics: (JSON.parse(json.stdout) as { diagnostics: Diagnostic[] }).diagnostics, text: text.stdout };
}

const rules = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => `${d.rule} ${d.file}`).sort();

/** main: users table, then a NOT NULL column added without default (a warning once, long ago). */
function history(): TempRepo {
  const repo = TempRepo.init();
  writeAlembicProject(repo);
  writeRevision(repo, "aaa1", undefined, `op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))`);
  writeRevision(repo, "bbb2", "aaa1", `op.add_column("users", sa.Column("email", sa.String, nullable=False))`);
  repo.commitAll("history");
  return repo;
}

before(() => {
  if (!fs.existsSync(CLI)) spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
});

test("on the default branch nothing is new: history is judged for integrity only", () => {
  const repo = history();
  const { code, diagnostics, text } = check(repo.root);
  assert.deepEqual(rules(diagnostics), []);
  assert.equal(code, 0);
  assert.match(text, /Branch adds 0 migration\(s\) since it forked from main \([0-9a-f]{7}\)/);
  // --all judges the old migration again.
  assert.deepEqual(rules(check(repo.root, "--all").diagnostics), [
    "add-required-column alembic/versions/bbb2_rev.py",
    "missing-downgrade alembic/versions/aaa1_rev.py",
    "missing-downgrade alembic/versions/bbb2_rev.py",
  ]);
});

test("a branch's committed, modified and untracked migrations are judged; integrity errors anywhere still are", () => {
  const repo = history();
  // Committed with a byte-order mark and CRLF line ends (which the file host reads without the mark): still not new.
  repo.write("alembic/versions/bbb2_rev.py", `\uFEFF${repo.read("alembic/versions/bbb2_rev.py").replace(/\n/g, "\r\n")}`);
  repo.commitAll("bom and crlf");
  repo.git("checkout", "-q", "-b", "feature");
  writeRevision(repo, "ccc3", "bbb2", `op.drop_column("users", "email")`);
  repo.commitAll("drop email");
  writeRevision(repo, "ddd4", "ccc3", `op.drop_table("users")`); // untracked
  const { diagnostics } = check(repo.root);
  assert.deepEqual(rules(diagnostics.filter((d) => d.severity !== "info")), [
    "drop-column alembic/versions/ccc3_rev.py",
    "drop-table alembic/versions/ddd4_rev.py",
    "missing-downgrade alembic/versions/ccc3_rev.py",
    "missing-downgrade alembic/versions/ddd4_rev.py",
  ]);
  // An old migration edited in the work tree is new again; an integrity error in history is always reported.
  writeRevision(repo, "aaa1", undefined, `op.alter_column("accounts", "id", nullable=False)\n    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))`);
  const after = check(repo.root).diagnostics.map((d) => `${d.rule} ${d.file}`);
  assert.ok(after.includes("table-not-found alembic/versions/aaa1_rev.py"), after.join("\n"));
  assert.ok(after.includes("missing-downgrade alembic/versions/aaa1_rev.py"), after.join("\n"));
});

test("env.py is judged for safety when the branch changes it, not for what it did long ago", () => {
  const repo = history();
  const singleTransaction = `from alembic import context\n\n\ndef run_migrations_online():\n    with engine.begin() as connection:\n        context.configure(connection=connection)\n        with context.begin_transaction():\n            context.run_migrations()\n`;
  repo.write("alembic/env.py", singleTransaction);
  repo.commitAll("env");
  repo.git("checkout", "-q", "-b", "feature");
  assert.deepEqual(rules(check(repo.root).diagnostics), []);
  repo.write("alembic/env.py", `# tuned\n${singleTransaction}`);
  assert.deepEqual(rules(check(repo.root).diagnostics), ["single-transaction-env alembic/env.py"]);
});

test("the base moved on after the fork: the branch's revision is reported on down_revision and the fix re-parents it", () => {
  const repo = history();
  repo.git("checkout", "-q", "-b", "feature");
  writeRevision(repo, "ccc3", "bbb2", `op.create_table("posts", sa.Column("id", sa.Integer, primary_key=True))`);
  repo.commitAll("posts");
  assert.deepEqual(rules(check(repo.root).diagnostics.filter((d) => d.rule === "heads-after-merge")), []);
  repo.git("checkout", "-q", "main");
  writeRevision(repo, "eee5", "bbb2", `op.create_table("tags", sa.Column("id", sa.Integer, primary_key=True))`);
  repo.commitAll("tags on main");
  repo.git("checkout", "-q", "feature");

  const { code, diagnostics } = check(repo.root);
  const finding = diagnostics.find((d) => d.rule === "heads-after-merge");
  assert.ok(finding, JSON.stringify(diagnostics, null, 2));
  assert.equal(code, 1);
  assert.equal(finding.file, "alembic/versions/ccc3_rev.py");
  assert.equal(finding.line, 12);
  assert.match(finding.message, /main added 'eee5' \(alembic\/versions\/eee5_rev\.py on main\)/);
  assert.match(finding.message, /alembic upgrade head` will fail after the merge/);
  const fix = finding.fixes[0]!;
  assert.equal(fix.title, "Re-parent onto 'eee5' (down_revision and Revises:)");

  // Apply the fix as an editor would, commit, and merge: one head, nothing reported.
  applyEdits(repo, fix.edits);
  assert.match(repo.read("alembic/versions/ccc3_rev.py"), /down_revision = "eee5"/);
  assert.match(repo.read("alembic/versions/ccc3_rev.py"), /Revises: eee5/);
  const reparented = check(repo.root);
  assert.deepEqual(rules(reparented.diagnostics.filter((d) => d.rule !== "missing-downgrade")), ["parent-on-base alembic/versions/ccc3_rev.py"]);
  assert.equal(reparented.code, 0);
  repo.commitAll("re-parent");
  repo.git("checkout", "-q", "main");
  repo.git("merge", "-q", "--no-edit", "feature");
  const merged = check(repo.root, "--all");
  assert.deepEqual(merged.diagnostics.filter((d) => d.rule === "multiple-heads" || d.rule === "heads-after-merge"), []);
});

test("two revisions of the branch re-parented onto the base's head: the merge still has two heads, and says so", () => {
  const repo = history();
  repo.git("checkout", "-q", "-b", "feature");
  repo.git("checkout", "-q", "main");
  writeRevision(repo, "eee5", "bbb2", "pass");
  repo.commitAll("main moves on");
  repo.git("checkout", "-q", "feature");
  writeRevision(repo, "fff6", "eee5", "pass");
  writeRevision(repo, "ggg7", "eee5", "pass");
  const { code, diagnostics } = check(repo.root);
  assert.deepEqual(rules(diagnostics.filter((d) => d.severity === "error")), ["heads-after-merge alembic/versions/fff6_rev.py", "heads-after-merge alembic/versions/ggg7_rev.py"]);
  assert.match(diagnostics.find((d) => d.rule === "heads-after-merge")!.message, /has 2 heads, all added by this branch: 'fff6' and 'ggg7'/);
  assert.equal(code, 1);
});

test("the base's revisions are read as the work tree's are: a table its project helper creates exists for the branch", () => {
  const repo = history();
  repo.write("myapp/__init__.py", "");
  repo.write("myapp/utils.py", `from alembic import op\nimport sqlalchemy as sa\n\ndef make_widgets():\n    op.create_table("widgets", sa.Column("id", sa.Integer()))\n`);
  repo.commitAll("helper");
  repo.git("checkout", "-q", "-b", "feature");
  repo.git("checkout", "-q", "main");
  const base = writeRevision(repo, "eee5", "bbb2", "make_widgets()");
  repo.write(base, repo.read(base).replace("import sqlalchemy as sa", "import sqlalchemy as sa\nfrom myapp.utils import make_widgets"));
  repo.commitAll("widgets on main");
  repo.git("checkout", "-q", "feature");
  writeRevision(repo, "fff6", "eee5", `op.add_column("widgets", sa.Column("b", sa.Integer()))`);
  const { diagnostics } = check(repo.root);
  assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), []);
  assert.ok(diagnostics.some((d) => d.rule === "parent-on-base"));
});

test("without the fix, the real merge has two heads: what the pre-merge finding said", () => {
  const repo = history();
  repo.git("checkout", "-q", "-b", "feature");
  writeRevision(repo, "ccc3", "bbb2", "pass");
  repo.commitAll("feature");
  repo.git("checkout", "-q", "main");
  writeRevision(repo, "eee5", "bbb2", "pass");
  repo.commitAll("main");
  repo.git("merge", "-q", "--no-edit", "feature");
  const text = spawnSync(process.execPath, [CLI, "check", ".", "--format", "json"], { cwd: repo.root, encoding: "utf8" });
  const report = JSON.parse(text.stdout) as { sets: { heads: string[] }[] };
  assert.deepEqual(report.sets[0]!.heads.sort(), ["ccc3", "eee5"]);
  // Alembic's own revision map agrees, where Debian's Alembic is installed (CI installs it).
  const alembic = spawnSync("/usr/bin/python3", [path.resolve("scripts/alembic-reference.py"), repo.root], { cwd: os.tmpdir(), encoding: "utf8" });
  if (alembic.error || /No module named 'alembic'/.test(alembic.stderr)) return;
  assert.deepEqual((JSON.parse(alembic.stdout) as { heads: string[] }).heads.sort(), ["ccc3", "eee5"], alembic.stderr);
});

test("the same id on both sides, and a parent the base deleted", () => {
  const repo = history();
  repo.git("checkout", "-q", "-b", "feature");
  writeRevision(repo, "ccc3", "bbb2", "pass");
  repo.commitAll("feature");
  repo.git("checkout", "-q", "main");
  writeRevision(repo, "ccc3", "bbb2", "pass");
  fs.renameSync(path.join(repo.root, "alembic/versions/ccc3_rev.py"), path.join(repo.root, "alembic/versions/ccc3_other.py"));
  repo.commitAll("main has its own ccc3");
  repo.git("checkout", "-q", "feature");
  assert.ok(check(repo.root).diagnostics.some((d) => d.rule === "conflict-after-merge" && /main added another revision with id 'ccc3' \(alembic\/versions\/ccc3_other\.py on main\)/.test(d.message)));

  const second = history();
  second.git("checkout", "-q", "-b", "feature");
  writeRevision(second, "ccc3", "bbb2", "pass");
  second.commitAll("feature");
  second.git("checkout", "-q", "main");
  fs.rmSync(path.join(second.root, "alembic/versions/bbb2_rev.py"));
  second.commitAll("main squashed bbb2 away");
  second.git("checkout", "-q", "feature");
  const deleted = check(second.root).diagnostics.find((d) => d.rule === "conflict-after-merge");
  assert.ok(deleted && /main deleted revision 'bbb2' \(alembic\/versions\/bbb2_rev\.py\)/.test(deleted.message), JSON.stringify(deleted));
});

test("origin/HEAD is the base; a fetch that moves it is seen; --base and a detached HEAD work", () => {
  const upstream = history();
  const clone = new TempRepo(fs.mkdtempSync(path.join(os.tmpdir(), "ml-clone-")));
  clone.git("clone", "-q", upstream.root, ".");
  clone.git("checkout", "-q", "-b", "feature");
  writeRevision(clone, "ccc3", "bbb2", "pass");
  clone.commitAll("feature");
  assert.match(check(clone.root).text, /Branch adds 1 migration\(s\) since it forked from origin\/main/);

  writeRevision(upstream, "eee5", "bbb2", "pass");
  upstream.commitAll("upstream moves on");
  assert.deepEqual(check(clone.root).diagnostics.filter((d) => d.rule === "heads-after-merge"), []);
  clone.git("fetch", "-q", "origin");
  assert.equal(check(clone.root).diagnostics.filter((d) => d.rule === "heads-after-merge").length, 1);
  // The local main has not moved: compared with it, there is nothing to merge.
  assert.deepEqual(check(clone.root, "--base", "main").diagnostics.filter((d) => d.rule === "heads-after-merge"), []);

  clone.git("checkout", "-q", "--detach", "HEAD");
  assert.equal(check(clone.root).diagnostics.filter((d) => d.rule === "heads-after-merge").length, 1);
});

test("a shallow clone, a repository without commits, a folder outside git, an unknown base: every migration is judged, and the summary says why", () => {
  const upstream = history();
  upstream.git("checkout", "-q", "-b", "feature");
  writeRevision(upstream, "ccc3", "bbb2", "pass");
  upstream.commitAll("feature");
  upstream.git("checkout", "-q", "main");
  upstream.write("README", "main moves on\n");
  upstream.commitAll("main moves on");
  const shallow = new TempRepo(fs.mkdtempSync(path.join(os.tmpdir(), "ml-shallow-")));
  shallow.git("clone", "-q", "--depth", "1", "--no-single-branch", `file://${upstream.root}`, ".");
  shallow.git("checkout", "-q", "feature");
  const shallowRun = check(shallow.root);
  assert.match(shallowRun.text, /Every migration judged: this is a shallow clone/);
  assert.ok(shallowRun.diagnostics.some((d) => d.rule === "add-required-column"));

  const empty = TempRepo.init();
  writeAlembicProject(empty);
  writeRevision(empty, "aaa1", undefined, "pass");
  assert.match(check(empty.root).text, /Every migration judged: the repository has no commit yet\./);

  const plain = fs.mkdtempSync(path.join(os.tmpdir(), "ml-plain-"));
  fs.cpSync(upstream.root, plain, { recursive: true, filter: (src) => !src.includes(`${path.sep}.git`) });
  assert.match(check(plain).text, /Every migration judged: not in a git repository\./);

  assert.match(check(upstream.root, "--base", "origin/nope").text, /Every migration judged: the base 'origin\/nope' is not a branch, tag or commit of this repository\./);
});

test("a linked worktree reads its own HEAD; nothing the repository configures runs", () => {
  const repo = history();
  const marker = path.join(repo.root, "ran");
  // Each of these would write the marker if git ran them.
  repo.git("config", "core.fsmonitor", `touch ${marker}`);
  repo.write(".git/hooks/post-checkout", `#!/bin/sh\ntouch ${marker}\n`);
  fs.chmodSync(path.join(repo.root, ".git/hooks/post-checkout"), 0o755);
  repo.write(".gitattributes", "*.py diff=marker\n");
  repo.git("config", "diff.marker.textconv", `sh -c 'touch ${marker}; cat'`);
  const worktree = fs.mkdtempSync(path.join(os.tmpdir(), "ml-worktree-"));
  fs.rmSync(worktree, { recursive: true });
  repo.git("-c", "core.hooksPath=/dev/null", "worktree", "add", "-q", "-b", "feature", worktree);
  fs.rmSync(marker, { force: true });
  const tree = new TempRepo(worktree);
  writeRevision(tree, "ccc3", "bbb2", `op.drop_column("users", "email")`);
  const { diagnostics, text } = check(worktree);
  assert.match(text, /Branch adds 1 migration\(s\) since it forked from main/);
  assert.deepEqual(rules(diagnostics.filter((d) => d.severity === "warning")), ["drop-column alembic/versions/ccc3_rev.py", "missing-downgrade alembic/versions/ccc3_rev.py"]);
  assert.equal(fs.existsSync(marker), false, "nothing configured in the repository ran");
});

test("a partial clone's missing object is never fetched: the ssh command its config names does not run", () => {
  const repo = history();
  repo.git("checkout", "-q", "-b", "feature");
  writeRevision(repo, "ccc3", "bbb2", "pass");
  repo.commitAll("feature");
  repo.git("checkout", "-q", "main");
  const file = writeRevision(repo, "eee5", "bbb2", "pass");
  repo.commitAll("main moves on");
  // The base's new file is a blob this clone does not have; fetching it would run core.sshCommand.
  const blob = repo.git("rev-parse", `HEAD:${file}`).trim();
  fs.rmSync(path.join(repo.root, ".git", "objects", blob.slice(0, 2), blob.slice(2)));
  const marker = path.join(repo.root, "fetched");
  repo.git("config", "core.repositoryformatversion", "1");
  repo.git("config", "extensions.partialClone", "origin");
  repo.git("config", "remote.origin.url", "ssh://example.invalid/repo");
  repo.git("config", "remote.origin.promisor", "true");
  repo.git("config", "core.sshCommand", `touch ${marker}; false`);
  repo.git("checkout", "-q", "feature");
  const { text } = check(repo.root);
  assert.match(text, /Branch adds 1 migration\(s\)/);
  assert.equal(fs.existsSync(marker), false, "no fetch ran");
});

test("SQL folders: migrations that sort before the base's newest are out of order; the fixes rename them after everything, in order", () => {
  const repo = TempRepo.init();
  repo.write("db/migrations/000001_users.up.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
  repo.write("db/migrations/000001_users.down.sql", "DROP TABLE users;\n");
  repo.write("prisma/migrations/migration_lock.toml", 'provider = "postgresql"\n');
  repo.write("prisma/migrations/20240101000000_init/migration.sql", "CREATE TABLE a (id int PRIMARY KEY);\n");
  repo.write("dbmate/migrations/001_init.sql", "-- migrate:up\nCREATE TABLE d (id int);\n-- migrate:down\nDROP TABLE d;\n");
  repo.write("flyway/db/migration/V1__init.sql", "CREATE TABLE f (id int);\n");
  repo.write("flyway/flyway.conf", "flyway.outOfOrder=true\n");
  repo.write("drizzle/meta/_journal.json", '{ "dialect": "postgresql", "entries": [] }\n');
  repo.write("drizzle/0000_init.sql", "CREATE TABLE j (id int);\n");
  repo.commitAll("init");
  repo.git("checkout", "-q", "-b", "feature");
  repo.write("db/migrations/000002_posts.up.sql", "CREATE TABLE posts (id int PRIMARY KEY);\n");
  repo.write("db/migrations/000002_posts.down.sql", "DROP TABLE posts;\n");
  repo.write("db/migrations/000003_likes.up.sql", "CREATE TABLE likes (id int PRIMARY KEY);\n");
  repo.write("prisma/migrations/20240301000000_b/migration.sql", "CREATE TABLE b (id int PRIMARY KEY);\n");
  // dbmate applies an older pending migration, and this Flyway allows it: not reported.
  repo.write("dbmate/migrations/002_feature.sql", "-- migrate:up\nCREATE TABLE e (id int);\n-- migrate:down\nDROP TABLE e;\n");
  repo.write("flyway/db/migration/V2__feature.sql", "CREATE TABLE g (id int);\n");
  // drizzle orders by its journal, not by file name: not judged by name.
  repo.write("drizzle/0001_feature.sql", "CREATE TABLE k (id int);\n");
  repo.commitAll("feature");
  repo.git("checkout", "-q", "main");
  repo.write("db/migrations/000004_more.up.sql", "CREATE TABLE more (id int PRIMARY KEY);\n");
  repo.write("prisma/migrations/20240401000000_c/migration.sql", "CREATE TABLE c (id int PRIMARY KEY);\n");
  repo.write("dbmate/migrations/003_main.sql", "-- migrate:up\nCREATE TABLE h (id int);\n-- migrate:down\nDROP TABLE h;\n");
  repo.write("flyway/db/migration/V3__main.sql", "CREATE TABLE i (id int);\n");
  repo.write("drizzle/0002_main.sql", "CREATE TABLE l (id int);\n");
  repo.commitAll("main moves on");
  repo.git("checkout", "-q", "feature");

  const found = check(repo.root).diagnostics.filter((d) => d.rule === "out-of-order-migration");
  assert.deepEqual(found.map((d) => d.file).sort(), ["db/migrations/000002_posts.up.sql", "db/migrations/000003_likes.up.sql", "prisma/migrations/20240301000000_b/migration.sql"]);
  const posts = found.find((d) => d.file.includes("000002"))!;
  assert.match(posts.message, /sorts before '000004', the newest migration on main: golang-migrate never applies it/);
  assert.deepEqual(posts.fixes[0]!.renames, [
    { from: "db/migrations/000002_posts.up.sql", to: "db/migrations/000005_posts.up.sql" },
    { from: "db/migrations/000002_posts.down.sql", to: "db/migrations/000005_posts.down.sql" },
  ]);
  const likes = found.find((d) => d.file.includes("000003"))!;
  assert.deepEqual(likes.fixes[0]!.renames, [{ from: "db/migrations/000003_likes.up.sql", to: "db/migrations/000006_likes.up.sql" }]);
  const prisma = found.find((d) => d.file.startsWith("prisma/"))!;
  const [rename] = prisma.fixes[0]!.renames!;
  assert.equal(rename!.from, "prisma/migrations/20240301000000_b");
  assert.ok(path.basename(rename!.to) > "20240401000000_c" && rename!.to.endsWith("_b"), rename!.to);

  for (const r of [...posts.fixes[0]!.renames!, ...likes.fixes[0]!.renames!, rename!]) fs.renameSync(path.join(repo.root, r.from), path.join(repo.root, r.to));
  assert.deepEqual(check(repo.root).diagnostics.filter((d) => d.rule === "out-of-order-migration"), []);
});

function applyEdits(repo: TempRepo, edits: Diagnostic["fixes"][number]["edits"]): void {
  const byFile = new Map<string, typeof edits>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, list] of byFile) {
    const lines = repo.read(file).split("\n");
    // Bottom-up, so earlier edits keep their positions.
    for (const e of [...list].sort((a, b) => b.line - a.line || b.column - a.column)) {
      const line = lines[e.line - 1]!;
      lines[e.line - 1] = line.slice(0, e.column - 1) + e.newText + line.slice(e.endColumn - 1);
    }
    repo.write(file, lines.join("\n"));
  }
}
