import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { githubReport } from "../../server/src/cli/githubReport";
import type { AnalysisResult } from "../../server/src/core/analysis/analyzeSets";

const CLI = path.resolve("dist", "cli.js");
const run = (args: string[], cwd = process.cwd()) => {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

before(() => {
  if (!fs.existsSync(CLI)) spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
});

test("text output: one line per finding, exit 1 when there are errors", () => {
  const { code, stdout } = run(["check", "examples"]);
  assert.equal(code, 1);
  const lines = stdout.trim().split("\n");
  assert.ok(
    lines.includes(
      "examples/blog/alembic/versions/3c4d5e6f7081_add_post_slug.py:14:18 error unknown-revision down_revision names '2b3c4d5e6f7', but no revision in this set has that id: Alembic stops with KeyError. Did you mean '2b3c4d5e6f70' (the closest existing revision id)?",
    ),
    stdout,
  );
  assert.ok(
    lines.includes(
      "examples/shop-prisma/prisma/migrations/20240215000000_orders_status/migration.sql:14:13 error table-dropped-earlier Table 'carts' was dropped by revision '20240101000000_init' (20240101000000_init/migration.sql:23); on a fresh database this fails.",
    ),
    stdout,
  );
  assert.match(lines[lines.length - 1]!, /^2 migration set\(s\), 6 revision\(s\), 3 head\(s\) \(2 in examples\/blog\/alembic\): 4 error\(s\), 3 warning\(s\), 0 info\(s\) in 7 file\(s\)\.$/);
});

test("the README's quick start shows exactly what the command prints", () => {
  const readme = fs.readFileSync("README.md", "utf8");
  const quickStart = readme.slice(readme.indexOf("## Quick start"), readme.indexOf("\n## ", readme.indexOf("## Quick start") + 1));
  // The output block is the fenced block without a language after the command's block.
  const shown = /\n```\n(examples\/[\s\S]*?)```/.exec(quickStart)?.[1];
  assert.ok(shown, "the quick start has an output block");
  const { stdout } = run(["check", "examples"]);
  assert.equal(shown, stdout);
});

test("json output has the documented shape", () => {
  const { code, stdout } = run(["check", "examples/blog", "--format", "json"]);
  assert.equal(code, 1);
  const report = JSON.parse(stdout);
  assert.deepEqual(Object.keys(report), ["version", "sets", "diagnostics", "summary"]);
  assert.equal(report.version, 1);
  const [set] = report.sets;
  assert.deepEqual(set.kind, "alembic");
  assert.equal(set.root, "examples/blog/alembic");
  // In a git checkout, whether each revision is new on the branch (absent outside git).
  const { new: isNew, ...revision } = set.revisions[0];
  assert.deepEqual(revision, {
    id: "1a2b3c4d5e6f",
    parents: [],
    dependsOn: [],
    branchLabels: [],
    file: "examples/blog/alembic/versions/1a2b3c4d5e6f_create_users.py",
    line: 14,
  });
  assert.ok(isNew === undefined || typeof isNew === "boolean");
  assert.ok(typeof set.branch.base === "string" || typeof set.branch.unavailable === "string", JSON.stringify(set.branch));
  assert.deepEqual([...set.heads].sort(), ["2b3c4d5e6f70", "4d5e6f708192"]);
  assert.deepEqual(set.bases, ["1a2b3c4d5e6f"]);
  const unknown = report.diagnostics.find((d: { rule: string }) => d.rule === "unknown-revision");
  assert.deepEqual(unknown.fixes, [
    {
      title: "Replace '2b3c4d5e6f7' with '2b3c4d5e6f70' (the closest existing revision id)",
      edits: [{ file: "examples/blog/alembic/versions/3c4d5e6f7081_add_post_slug.py", line: 14, column: 18, endLine: 14, endColumn: 29, newText: "2b3c4d5e6f70" }],
    },
  ]);
  assert.deepEqual(Object.keys(unknown), ["rule", "severity", "file", "line", "column", "endLine", "endColumn", "message", "fixes"]);
  assert.deepEqual(report.summary, { errors: 3, warnings: 0, infos: 0, files: 5 });
});

test("exit 0 when there are no errors; paths are relative to the current folder", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-cli-"));
  fs.mkdirSync(path.join(folder, "versions"));
  fs.writeFileSync(path.join(folder, "versions", "a.py"), 'revision = "a"\ndown_revision = None\n');
  const { code, stdout } = run(["check", "--format=json"], folder);
  assert.equal(code, 0);
  assert.equal(JSON.parse(stdout).sets[0].revisions[0].file, "versions/a.py");
  fs.rmSync(folder, { recursive: true, force: true });
});

test("two heads on one branch exit 1, as `alembic upgrade head` fails; heads of distinct labelled branches exit 0", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-cli-heads-"));
  const write = (name: string, text: string) => fs.writeFileSync(path.join(folder, "versions", name), text);
  fs.mkdirSync(path.join(folder, "versions"));
  write("a.py", 'revision = "a"\ndown_revision = None\n');
  write("b.py", 'revision = "b"\ndown_revision = "a"\n');
  write("c.py", 'revision = "c"\ndown_revision = "a"\n');
  const competing = run(["check"], folder);
  assert.equal(competing.code, 1);
  assert.match(competing.stdout, /error multiple-heads/);
  // Two bases, each starting its own labelled branch: one head per branch is fine.
  write("b.py", 'revision = "b"\ndown_revision = None\nbranch_labels = ("billing",)\n');
  write("c.py", 'revision = "c"\ndown_revision = None\nbranch_labels = ("search",)\n');
  fs.rmSync(path.join(folder, "versions", "a.py"));
  const labelled = run(["check"], folder);
  assert.equal(labelled.code, 0, labelled.stdout);
  fs.rmSync(folder, { recursive: true, force: true });
});

test("usage errors and missing paths exit 2 with a message", () => {
  assert.equal(run(["lint"]).code, 2);
  assert.equal(run(["check", "--format", "xml"]).code, 2);
  const missing = run(["check", "no/such/folder"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file or folder: no\/such\/folder/);
});

test("schema prints the replayed DDL at the heads, or after --at REV", () => {
  const folder = "test/fixtures/schema/seed-002-dropped-and-missing-tables";
  const heads = run(["schema", folder]);
  assert.equal(heads.code, 0);
  assert.match(heads.stdout, /^-- Schema of .*backend\/alembic at its head\(s\): 116_guarded_backfill\n/);
  assert.match(heads.stdout, /CREATE TABLE incidents \(/);
  assert.doesNotMatch(heads.stdout, /CREATE TABLE sdsr_incidents/);
  const before = run(["schema", folder, "--at", "074_sdsr_incidents"]);
  assert.match(before.stdout, /-- created by 074_sdsr_incidents \(.*074_sdsr_incidents\.py:\d+\)\nCREATE TABLE sdsr_incidents \(\n  id serial NOT NULL,\n  title text NOT NULL,\n  PRIMARY KEY \(id\)\n\);/);
  assert.doesNotMatch(before.stdout, /CREATE TABLE incidents/);
  const missing = run(["schema", folder, "--at", "nope"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no migration set has a revision 'nope'/);
});

test("--version; a path with no migration set is a usage error, not a pass", () => {
  const version = run(["--version"]);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^migration-lens \d+\.\d+\.\d+\n$/);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "ml-empty-"));
  const nothing = run(["check", empty]);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /no migration set under/);
});

test("schema --at head and --at base, as Alembic names them", () => {
  const head = run(["schema", "examples/shop-prisma", "--at", "head"]);
  assert.equal(head.code, 0);
  assert.match(head.stdout, /at its head\(s\): 20240215000000_orders_status/);
  const base = run(["schema", "examples/blog", "--at", "base"]);
  assert.equal(base.code, 0);
  assert.match(base.stdout, /at base \(before any revision\)/);
  assert.doesNotMatch(base.stdout, /CREATE TABLE/);
});

test("schema names which history of a pop folder each block is (one per database suffix)", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-pop-"));
  fs.writeFileSync(path.join(folder, "20200101000000_users.postgres.up.sql"), "CREATE TABLE users (id uuid PRIMARY KEY);\n");
  fs.writeFileSync(path.join(folder, "20200101000000_users.mysql.up.sql"), "CREATE TABLE users (id char(36) PRIMARY KEY);\n");
  const out = run(["schema", folder]);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^-- Schema of .* \(its \.mysql files\) at its head\(s\)/m);
  assert.match(out.stdout, /^-- Schema of .* \(its \.postgres files\) at its head\(s\): 20200101000000\n[^]*id uuid NOT NULL/m);
  fs.rmSync(folder, { recursive: true, force: true });
});

test("the language server started without a transport says how to start it", () => {
  const server = spawnSync(process.execPath, [path.resolve("dist", "server.js")], { encoding: "utf8" });
  assert.equal(server.status, 2);
  assert.match(server.stderr, /^Usage: migration-lens-server --stdio/);
  assert.ok(server.stderr.length < 200, server.stderr);
});

test("JSON columns count UTF-16 code units: on a line with an emoji before the finding, the fix lands where it should", () => {
  const line = '/* 🎉 launch */ ALTER TABLE "orders" ADD COLUMN "status" TEXT NOT NULL;';
  const folder = ordersProject("ml-cli-utf16-", line);
  const { stdout } = run(["check", folder, "--format", "json"], folder);
  const finding = (JSON.parse(stdout) as { diagnostics: { rule: string; column: number; fixes: { title: string; edits: { column: number; endColumn: number; newText: string }[] }[] }[] }).diagnostics.find((d) => d.rule === "add-required-column");
  assert.ok(finding, stdout);
  // The emoji is one code point but two UTF-16 code units: the column is JavaScript's index + 1.
  assert.equal(finding.column, line.indexOf('"orders"') + 1);
  assert.equal(finding.column, [...line.slice(0, line.indexOf('"orders"'))].length + 2);
  const edit = finding.fixes.find((f) => f.title.startsWith("Add a server default"))?.edits[0];
  assert.ok(edit);
  const fixed = line.slice(0, edit.column - 1) + edit.newText + line.slice(edit.endColumn - 1);
  assert.equal(fixed, '/* 🎉 launch */ ALTER TABLE "orders" ADD COLUMN "status" TEXT NOT NULL DEFAULT \'\';');
});

test("--format github prints one annotation command per finding, escaped as the runner expects", () => {
  const { code, stdout } = run(["check", "examples", "--format", "github"]);
  assert.equal(code, 1);
  const lines = stdout.trim().split("\n");
  assert.equal(lines.length, 7);
  assert.ok(
    lines.includes(
      "::error file=examples/blog/alembic/versions/3c4d5e6f7081_add_post_slug.py,line=14,col=18,endLine=14,endColumn=29,title=unknown-revision::down_revision names '2b3c4d5e6f7', but no revision in this set has that id: Alembic stops with KeyError. Did you mean '2b3c4d5e6f70' (the closest existing revision id)?",
    ),
    stdout,
  );
  assert.equal(lines.filter((l) => l.startsWith("::warning file=examples/shop-prisma/")).length, 3);
  const escaped = githubReport(
    { sets: [], files: [], findings: [{ rule: "r", severity: "info", file: path.resolve("a,b:c.sql"), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: "100% sure\nsecond line", related: [], fixes: [] }] } as unknown as AnalysisResult,
    process.cwd(),
  );
  assert.equal(escaped, "::notice file=a%2Cb%3Ac.sql,line=1,col=1,endLine=1,endColumn=2,title=r::100%25 sure%0Asecond line\n");
});

test("--format gitlab writes GitLab's code-quality report: one issue per finding, each with its own fingerprint", () => {
  const { code, stdout } = run(["check", "examples", "--format", "gitlab"]);
  assert.equal(code, 1);
  const issues = JSON.parse(stdout) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number; end: number } } }[];
  assert.equal(issues.length, 7);
  // The two multiple-heads findings share rule and message; their files tell them apart.
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, 7);
  for (const issue of issues) {
    assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
    assert.ok(["info", "minor", "major", "critical", "blocker"].includes(issue.severity), issue.severity);
    assert.ok(fs.existsSync(issue.location.path), issue.location.path);
  }
  assert.deepEqual(
    issues.find((i) => i.check_name === "unknown-revision"),
    {
      description: "down_revision names '2b3c4d5e6f7', but no revision in this set has that id: Alembic stops with KeyError. Did you mean '2b3c4d5e6f70' (the closest existing revision id)?",
      check_name: "unknown-revision",
      fingerprint: issues.find((i) => i.check_name === "unknown-revision")?.fingerprint,
      severity: "critical",
      location: { path: "examples/blog/alembic/versions/3c4d5e6f7081_add_post_slug.py", lines: { begin: 14, end: 14 } },
    },
  );
  // Stable across runs: GitLab compares the base's report with the branch's by fingerprint.
  assert.deepEqual(JSON.parse(run(["check", "examples", "--format", "gitlab"]).stdout).map((i: { fingerprint: string }) => i.fingerprint), issues.map((i) => i.fingerprint));
});

test("--fail-on sets which findings fail the run; --output writes the report to a file", () => {
  const folder = ordersProject("ml-cli-fail-on-", 'ALTER TABLE "orders" ADD COLUMN "status" TEXT NOT NULL;');
  // One warning (add-required-column) and no error.
  assert.equal(run(["check", folder]).code, 0);
  assert.equal(run(["check", folder, "--fail-on", "warning"]).code, 1);
  assert.equal(run(["check", folder, "--fail-on=info"]).code, 1);
  assert.equal(run(["check", "examples", "--fail-on", "never"]).code, 0);
  const wrong = run(["check", folder, "--fail-on", "warnings"]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--fail-on takes error, warning, info, never, not 'warnings'/);
  const report = path.join(folder, "report", "annotations.txt");
  fs.mkdirSync(path.dirname(report));
  const written = run(["check", folder, "--format", "github", "--output", report, "--fail-on", "warning"]);
  assert.equal(written.code, 1);
  assert.equal(written.stdout, "");
  assert.match(fs.readFileSync(report, "utf8"), /^::warning file=.*title=add-required-column::Adds NOT NULL column 'status'/);
  const unwritable = run(["check", folder, "--output", path.join(folder, "missing", "folder", "x.txt")]);
  assert.equal(unwritable.code, 2);
  assert.match(unwritable.stderr, /cannot write/);
});

/** A Prisma project in a temp folder: an orders table, then a migration holding `statusLine`. */
function ordersProject(prefix: string, statusLine: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const migrations = path.join(folder, "prisma", "migrations");
  fs.mkdirSync(path.join(migrations, "20240101000000_init"), { recursive: true });
  fs.mkdirSync(path.join(migrations, "20240201000000_status"), { recursive: true });
  fs.writeFileSync(path.join(migrations, "migration_lock.toml"), 'provider = "postgresql"\n');
  fs.writeFileSync(path.join(migrations, "20240101000000_init", "migration.sql"), 'CREATE TABLE "orders" ("id" SERIAL PRIMARY KEY);\n');
  fs.writeFileSync(path.join(migrations, "20240201000000_status", "migration.sql"), `${statusLine}\n`);
  return folder;
}

test("verify: the bundled CLI runs migrations on the embedded PostgreSQL; JSON has check's diagnostic shape; exit 1 on a mismatch", () => {
  const clean = run(["verify", "test/fixtures/schema-ddl/prisma-renames/prisma"]);
  assert.equal(clean.code, 0, clean.stderr + clean.stdout);
  assert.match(clean.stdout, /^test\/fixtures\/schema-ddl\/prisma-renames\/prisma\/migrations: 3 of 3 revision\(s\) ran on the embedded PostgreSQL \(PGlite\); 0 rejected, 0 mismatch\(es\), 0 statement\(s\) not verified \(\d+\.\d s\)\.$/m);
  const roundtrip = run(["verify", "test/fixtures/verify/alembic", "--roundtrip", "--format", "json"]);
  assert.equal(roundtrip.code, 1, roundtrip.stderr);
  const report = JSON.parse(roundtrip.stdout) as { sets: { verified: number }[]; diagnostics: { rule: string; file: string; line: number; severity: string }[] };
  assert.deepEqual(report.sets.map((s) => s.verified), [3]);
  assert.deepEqual(report.diagnostics.map((d) => [d.rule, d.severity, d.file, d.line]), [["downgrade-mismatch", "warning", "test/fixtures/verify/alembic/versions/c3_note.py", 20]]);
  const usage = run(["verify", "--format", "sarif"]);
  assert.equal(usage.code, 2);
  const unknown = run(["verify", "test/fixtures/verify/alembic", "--to", "nope"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no migration set has exactly one revision 'nope'/);
});

test("the parse cache: a second run reads each file's reading from it and prints the same; --no-cache writes nothing; a corrupt cache is ignored", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "ml-cli-cache-"));
  const env = { ...process.env, XDG_CACHE_HOME: home };
  const check = (args: string[]) => spawnSync(process.execPath, [CLI, "check", "examples", "--format", "json", ...args], { encoding: "utf8", env });
  // The readings kept; the launcher keeps V8's compiled code beside them, in v8/, and whole runs in results/.
  const files = (folder: string): string[] =>
    fs.existsSync(folder) ? fs.readdirSync(folder, { recursive: true }).map(String).filter((f) => !f.startsWith("v8") && !f.startsWith("results") && fs.statSync(path.join(folder, f)).isFile()) : [];
  // Without the kept run, the next one analyses again (from the readings).
  const forgetRuns = () => fs.rmSync(path.join(home, "migration-lens", "results"), { recursive: true, force: true });

  const uncached = check(["--no-cache"]);
  assert.equal(uncached.status, 1);
  assert.deepEqual(fs.readdirSync(home), [], "--no-cache writes no cache");

  const cold = check([]);
  const kept = files(path.join(home, "migration-lens"));
  // One reading per migration file of the examples (6 revisions; Prisma's init folder holds one file).
  assert.equal(kept.length, 6, kept.join(", "));
  assert.equal(cold.stdout, uncached.stdout);
  forgetRuns();
  const warm = check([]);
  assert.equal(warm.stdout, uncached.stdout);
  assert.deepEqual(files(path.join(home, "migration-lens")), kept, "a warm run writes nothing new");

  for (const file of kept) fs.writeFileSync(path.join(home, "migration-lens", file), "not a reading");
  forgetRuns();
  assert.equal(check([]).stdout, uncached.stdout, "a corrupt entry is read again from the file");

  const named = path.join(home, "named");
  assert.equal(check(["--cache-dir", named]).stdout, uncached.stdout);
  assert.equal(files(named).length, 6);
  const both = check(["--cache-dir", named, "--no-cache"]);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /--cache-dir and --no-cache cannot be given together/);
});
