#!/usr/bin/env node
// Checks Migration Lens's revision graph against Alembic's own on real histories.
//
//   node scripts/compare-with-alembic.mjs [options] [NAME=]FOLDER ...
//
// Each FOLDER (a version folder, or a folder holding alembic.ini) is one history. For each, the
// reference (scripts/alembic-reference.py, run with Debian's /usr/bin/python3 and Alembic 1.8)
// and our CLI (`dist/cli.js check FOLDER --format json`) are run, and the revision ids, each
// revision's header values, the heads and the bases are compared. Our diagnostics are listed
// grouped by rule.
//
// Options:
//   --manifest FILE         a JSON list of {name, folder, source?, sysPath?: [...], referenceFolder?};
//                           paths relative to the file. sysPath goes to the reference's --sys-path
//                           (so revisions can import the project's real constants); referenceFolder
//                           is what the reference loads instead of folder (e.g. a 2to3-converted
//                           copy of a Python 2 history, which Alembic on Python 3 cannot import);
//                           expectErrors lists rules whose error-severity findings are expected
//                           there (python-syntax-error on that Python 2 history); section names
//                           the alembic.ini section to read (folder is then best the ini file
//                           itself): our set whose root is Alembic's script directory is compared,
//                           our sets for other sections are ignored
//   --write-fixtures DIR    write DIR/<name>.json from the REFERENCE, for each history with a
//                           `source` ("owner/repo path@commit") in the manifest
//   --python PATH           interpreter with Alembic (default /usr/bin/python3)
//   --json                  print the comparison as JSON instead of text
//
// Exit status: 0 all histories agree, 1 any mismatch (or an error from a revision-graph rule on a
// history Alembic loads cleanly), 2 a tool failed to run.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..");
const referenceScript = path.join(here, "alembic-reference.py");
const cli = path.join(repoRoot, "dist", "cli.js");

function parseArgs(argv) {
  const args = { histories: [], python: "/usr/bin/python3", json: false, writeFixtures: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--python") args.python = argv[++i];
    else if (arg === "--json") args.json = true;
    else if (arg === "--write-fixtures") args.writeFixtures = path.resolve(argv[++i]);
    else if (arg === "--manifest") {
      const file = path.resolve(argv[++i]);
      for (const entry of JSON.parse(fs.readFileSync(file, "utf8"))) {
        const resolve = (p) => path.resolve(path.dirname(file), p);
        args.histories.push({ name: entry.name, folder: resolve(entry.folder), source: entry.source, sysPath: (entry.sysPath ?? []).map(resolve), referenceFolder: entry.referenceFolder && resolve(entry.referenceFolder), expectErrors: entry.expectErrors ?? [], section: entry.section });
      }
    } else if (arg === "-h" || arg === "--help") {
      process.stdout.write(fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").filter((l) => l.startsWith("//")).map((l) => l.slice(3)).join("\n") + "\n");
      process.exit(0);
    } else if (arg.startsWith("-")) {
      fail(`unknown option ${arg}`);
    } else {
      const eq = arg.indexOf("=");
      const folder = path.resolve(eq > 0 ? arg.slice(eq + 1) : arg);
      args.histories.push({ name: eq > 0 ? arg.slice(0, eq) : path.basename(folder), folder, source: undefined, sysPath: [], referenceFolder: undefined, expectErrors: [], section: undefined });
    }
  }
  if (args.histories.length === 0) fail("no folders given");
  return args;
}

function fail(message) {
  process.stderr.write(`compare-with-alembic: ${message}\n`);
  process.exit(2);
}

function runJson(command, commandArgs, options) {
  const run = spawnSync(command, commandArgs, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, ...options });
  if (run.error) return { error: String(run.error) };
  try {
    return { value: JSON.parse(run.stdout), status: run.status, stderr: run.stderr };
  } catch {
    return { error: `exit ${run.status}, no JSON output: ${(run.stderr || run.stdout).slice(0, 2000)}` };
  }
}

const sameSet = (a, b) => {
  const all = new Set([...a, ...b]);
  return new Set(a).size === all.size && new Set(b).size === all.size;
};
const duplicates = (list) => [...new Set(list.filter((x, i) => list.indexOf(x) !== i))].sort();
/** At most ten items, then a count: some mismatches name a whole history. */
const listed = (items) => (items.length <= 10 ? items.join(", ") : `${items.slice(0, 10).join(", ")} ... and ${items.length - 10} more`);
const minus = (a, b) => {
  const other = new Set(b);
  return [...new Set(a)].filter((x) => !other.has(x)).sort();
};

function compare(history) {
  // The reference runs from a neutral folder: a folder named `alembic` in cwd would shadow the package.
  const sysPath = history.sysPath.flatMap((p) => ["--sys-path", p]);
  const section = history.section ? ["--section", history.section] : [];
  const reference = runJson(args.python, [referenceScript, ...sysPath, ...section, "--relative-to", process.cwd(), history.referenceFolder ?? history.folder], {
    cwd: os.tmpdir(),
  });
  const ours = runJson(process.execPath, [cli, "check", history.folder, "--format", "json"], { cwd: process.cwd() });
  const result = { name: history.name, folder: path.relative(process.cwd(), history.folder), mismatches: [], notes: [] };
  if (reference.error || reference.value?.error) {
    result.failure = `reference failed: ${reference.error ?? reference.value.error}`;
    return result;
  }
  if (ours.error || ours.status === 2) {
    result.failure = `our CLI failed: ${ours.error ?? ours.stderr}`;
    return result;
  }
  const ref = reference.value;
  const report = ours.value;
  result.reference = ref;
  result.revisionCount = { alembic: ref.revisions.length };
  if (history.referenceFolder) result.notes.push(`reference loaded ${path.relative(process.cwd(), history.referenceFolder)} in place of the folder`);
  if (ref.fallback_files.length > 0) result.notes.push(`reference loaded ${ref.fallback_files.length} file(s) with every import stubbed: ${ref.fallback_files.join(", ")}`);
  if (ref.warnings.length > 0) result.notes.push(`Alembic warned: ${ref.warnings.join(" | ")}`);
  if (ref.stub_values.length > 0) {
    result.mismatches.push(`reference unreliable: headers computed from stubbed imports (${ref.stub_values.join(", ")}); give the project's code with sysPath`);
  }

  let sets = report.sets;
  if (history.section) {
    const target = path.resolve(ref.script_directory);
    sets = report.sets.filter((s) => path.resolve(s.root) === target);
    const others = report.sets.filter((s) => !sets.includes(s)).map((s) => s.root);
    if (others.length) result.notes.push(`section [${history.section}]: our other sets ignored: ${others.join(", ")}`);
    if (sets.length === 0) result.mismatches.push(`we found no set at Alembic's script directory ${ref.script_directory} (ours: ${report.sets.map((s) => s.root).join(", ") || "none"})`);
  } else if (sets.length !== 1) {
    result.mismatches.push(`ours found ${sets.length} migration sets (${sets.map((s) => s.root).join(", ")}), Alembic one`);
  }
  if (ref.resources.length) result.notes.push(`Alembic resolved ${ref.resources.join("; ")}`);
  const revisions = sets.flatMap((s) => s.revisions);
  const heads = sets.flatMap((s) => s.heads);
  const bases = sets.flatMap((s) => s.bases);
  result.revisionCount.ours = revisions.length;

  const refIds = ref.revisions.map((r) => r.id);
  const ourIds = revisions.map((r) => r.id);
  const missing = minus(refIds, ourIds);
  const extra = minus(ourIds, refIds);
  if (missing.length) result.mismatches.push(`${missing.length} revision(s) Alembic has and we lack: ${listed(missing.map((id) => `${id} (${ref.revisions.find((r) => r.id === id)?.file})`))}`);
  if (extra.length) result.mismatches.push(`${extra.length} revision(s) we have and Alembic lacks: ${listed(extra.map((id) => `${id} (${revisions.find((r) => r.id === id)?.file})`))}`);
  const twice = duplicates(ourIds);
  if (twice.length) result.mismatches.push(`${twice.length} revision(s) listed more than once by us (in several sets): ${listed(twice)}`);

  const ourById = new Map(revisions.map((r) => [r.id, r]));
  for (const r of ref.revisions) {
    const o = ourById.get(r.id);
    if (!o) continue;
    for (const [label, theirs, mine] of [
      ["down_revision", r.down_revision, o.parents],
      ["depends_on", r.depends_on, o.dependsOn],
      ["branch_labels", r.branch_labels, o.branchLabels],
    ]) {
      if (!sameSet(theirs, mine)) result.mismatches.push(`${r.id} (${r.file}): ${label} is ${JSON.stringify(theirs)} for Alembic, ${JSON.stringify(mine)} for us`);
    }
  }

  result.heads = { alembic: [...ref.heads].sort(), ours: [...heads].sort(), equal: sameSet(ref.heads, heads) };
  result.bases = { alembic: [...ref.bases].sort(), ours: [...bases].sort(), equal: sameSet(ref.bases, bases) };
  if (!result.heads.equal) result.mismatches.push(`heads differ: Alembic only ${JSON.stringify(minus(ref.heads, heads))}, ours only ${JSON.stringify(minus(heads, ref.heads))}`);
  if (!result.bases.equal) result.mismatches.push(`bases differ: Alembic only ${JSON.stringify(minus(ref.bases, bases))}, ours only ${JSON.stringify(minus(bases, ref.bases))}`);

  const byRule = new Map();
  for (const d of report.diagnostics) {
    const key = `${d.rule} (${d.severity})`;
    const list = byRule.get(key) ?? [];
    list.push(`${d.file}:${d.line}: ${d.message.split("\n")[0]}`);
    byRule.set(key, list);
  }
  result.diagnostics = Object.fromEntries([...byRule].sort(([a], [b]) => a.localeCompare(b)));
  // Only the revision-graph rules say something Alembic's loading can confirm; schema rules judge
  // what the migrations would do to a database, which loading them does not check.
  const errors = report.diagnostics.filter((d) => d.severity === "error" && GRAPH_RULES.has(d.rule));
  const expected = errors.filter((d) => history.expectErrors.includes(d.rule));
  if (expected.length > 0) result.notes.push(`${expected.length} expected error-severity diagnostic(s) (${history.expectErrors.join(", ")})`);
  if (errors.length > expected.length) {
    result.mismatches.push(`${errors.length - expected.length} error-severity diagnostic(s) from us on a history Alembic loads cleanly`);
  }
  return result;
}

const GRAPH_RULES = new Set(["unknown-revision", "duplicate-revision", "revision-cycle", "invalid-revision", "duplicate-branch-label", "python-syntax-error", "invalid-config"]);

function fixtureOf(history, ref) {
  return {
    source: history.source,
    revisions: [...ref.revisions]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r) => ({ id: r.id, parents: r.down_revision, dependsOn: r.depends_on, branchLabels: r.branch_labels })),
    heads: [...ref.heads].sort(),
    bases: [...ref.bases].sort(),
  };
}

/** One revision per line: small, and diffs well when a history is refreshed. */
function formatFixture(fixture) {
  const { revisions, ...rest } = fixture;
  const head = JSON.stringify({ source: rest.source, heads: rest.heads, bases: rest.bases }, null, 2).replace(/\n}$/, "");
  return `${head},\n  "revisions": [\n${revisions.map((r) => `    ${JSON.stringify(r)}`).join(",\n")}\n  ]\n}\n`;
}

function printText(result) {
  const lines = [`== ${result.name}  (${result.folder})`];
  if (result.failure) {
    lines.push(`   FAILED: ${result.failure}`);
  } else {
    lines.push(`   revisions: Alembic ${result.revisionCount.alembic}, ours ${result.revisionCount.ours}`);
    lines.push(`   heads equal: ${result.heads.equal ? "yes" : "NO"}  Alembic ${JSON.stringify(result.heads.alembic)}  ours ${JSON.stringify(result.heads.ours)}`);
    lines.push(`   bases equal: ${result.bases.equal ? "yes" : "NO"}  Alembic ${JSON.stringify(result.bases.alembic)}  ours ${JSON.stringify(result.bases.ours)}`);
    for (const note of result.notes) lines.push(`   note: ${note}`);
    for (const mismatch of result.mismatches) lines.push(`   MISMATCH: ${mismatch}`);
    const rules = Object.entries(result.diagnostics);
    lines.push(`   our diagnostics: ${rules.length === 0 ? "none" : ""}`);
    for (const [rule, items] of rules) {
      lines.push(`     ${rule}: ${items.length}`);
      for (const item of items.slice(0, 5)) lines.push(`       ${item}`);
      if (items.length > 5) lines.push(`       ... ${items.length - 5} more`);
    }
  }
  process.stdout.write(lines.join("\n") + "\n");
}

const args = parseArgs(process.argv.slice(2));
if (!fs.existsSync(cli)) {
  const build = spawnSync(process.execPath, [path.join(here, "build.mjs")], { cwd: repoRoot, stdio: "inherit" });
  if (build.status !== 0) fail("build failed");
}

const results = [];
for (const history of args.histories) {
  const result = compare(history);
  results.push(result);
  // Only histories with a `source` (from a manifest) become fixtures; the others are just compared.
  if (args.writeFixtures && result.reference && history.source) {
    fs.mkdirSync(args.writeFixtures, { recursive: true });
    fs.writeFileSync(path.join(args.writeFixtures, `${history.name}.json`), formatFixture(fixtureOf(history, result.reference)));
  }
  if (!args.json) printText(result);
}
if (args.json) {
  process.stdout.write(JSON.stringify(results.map(({ reference: _reference, ...rest }) => rest), null, 2) + "\n");
}
const failed = results.filter((r) => r.failure);
const mismatched = results.filter((r) => !r.failure && r.mismatches.length > 0);
if (!args.json) {
  process.stdout.write(`\n${results.length} histories: ${results.length - failed.length - mismatched.length} agree, ${mismatched.length} mismatch, ${failed.length} failed\n`);
}
process.exit(failed.length > 0 ? 2 : mismatched.length > 0 ? 1 : 0);
