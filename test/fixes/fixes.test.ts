import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { AnalyzedSet } from "../../server/src/core/analysis/analyzedSet";
import type { SqlJudge } from "../../server/src/core/sql/sqlJudge";
import { loadSqlJudge } from "../../server/src/node/databaseParsers";
import { applyJsonFix, type JsonFix } from "./applyJsonFix";
import { analyzeBranch, analyzeProject, copyProject, type JsonDiagnostic } from "./projectCopy";
import { buildBranchRepository, mergeWithMain } from "./branchRepository";
import { askAlembic, sqlSteps, type AlembicVerdict } from "./judges";
import { runAlembicOffline, runSqlSteps, type UpgradeOutcome } from "./upgradeOnPostgres";
import { writeProofTable, type FixProof } from "./proofTable";

/**
 * The fix harness: every quick fix every fixture offers is applied as the CLI's JSON describes it,
 * in a copy of the fixture, then judged: the analysis (the finding gone, no new error, still
 * parses), Debian's Alembic 1.8 (`heads`, `upgrade heads --sql`, the fixed revision's
 * `downgrade --sql`) and PostgreSQL (PGlite: the upgrade up to the fixed migration, with a row in
 * every table before each migration, then its downgrade). README.md says what each fix was proven to do.
 */
const GROUPS = ["alembic", "schema"].map((group) => path.resolve("test", "fixtures", group));
const FIXTURES = GROUPS.flatMap((group) => fs.readdirSync(group).sort().map((name) => path.join(group, name))).filter(
  (folder) => fs.statSync(folder).isDirectory() && fs.readFileSync(path.join(folder, "expected.txt"), "utf8").includes("\n  fix: "),
);
const PARSE_RULES = new Set(["python-syntax-error", "sql-syntax-error"]);

let sqlJudge: SqlJudge;
let db: PGlite;
const proofs: FixProof[] = [];

before(async () => {
  sqlJudge = await loadSqlJudge();
  db = new PGlite();
  await db.waitReady;
});

after(async () => {
  await db.close();
  writeProofTable(proofs);
});

for (const fixture of FIXTURES) {
  const name = `${path.basename(path.dirname(fixture))}/${path.basename(fixture)}`;
  test(`fixes of ${name}`, async () => {
    const original = copyProject(fixture);
    const { diagnostics } = analyzeProject(original, sqlJudge);
    const verdicts = new Map<string, AlembicVerdict>();
    for (const diagnostic of diagnostics) {
      for (const fix of diagnostic.fixes) {
        proofs.push(await proveFix(name, original, diagnostics, diagnostic, fix, verdicts));
      }
    }
    fs.rmSync(original, { recursive: true, force: true });
  });
}

// Fixes of what a branch does to the history after its merge, judged on the merged history.
const BRANCHES = path.resolve("test", "fixtures", "branches");
for (const name of fs.readdirSync(BRANCHES).sort()) {
  test(`fixes of branches/${name}`, async () => {
    const repo = buildBranchRepository(path.join(BRANCHES, name));
    const { diagnostics } = await analyzeBranch(repo.root, sqlJudge);
    fs.rmSync(repo.root, { recursive: true, force: true });
    const fixable = diagnostics.filter((d) => d.fixes.length > 0);
    assert.ok(fixable.length > 0, "the fixture triggers a fixable finding");
    for (const diagnostic of fixable) {
      for (const fix of diagnostic.fixes) proofs.push(await proveBranchFix(`branches/${name}`, path.join(BRANCHES, name), diagnostic, fix));
    }
  });
}

test("every rule the README gives a quick fix is proven by the harness", () => {
  const readme = fs.readFileSync("README.md", "utf8");
  const fixable = [...readme.matchAll(/^\| <a id="[a-z-]+"><\/a>`([a-z-]+)` \| (?:error|warning|info) \| [^\n]*\| ([^|\n]+) \|$/gm)].filter((m) => m[2]?.trim() !== "—").map((m) => m[1]);
  assert.ok(fixable.length > 0);
  const proven = new Set(proofs.map((p) => p.rule));
  assert.deepEqual(fixable.filter((rule) => !proven.has(rule ?? "")), [], "rules with a quick fix that no fixture exercises");
});

async function proveFix(
  fixture: string,
  original: string,
  before: readonly JsonDiagnostic[],
  diagnostic: JsonDiagnostic,
  fix: JsonFix,
  verdicts: Map<string, AlembicVerdict>,
): Promise<FixProof> {
  const where = `${fixture}: ${diagnostic.rule} at ${diagnostic.file}:${diagnostic.line}, fix "${fix.title}"`;
  const root = copyProject(original);
  try {
    applyJsonFix(root, fix);
    const fixed = analyzeProject(root, sqlJudge);
    const renamed = (file: string): string => {
      for (const r of fix.renames ?? []) if (file === r.from || file.startsWith(`${r.from}/`)) return r.to + file.slice(r.from.length);
      return file;
    };
    const count = (list: readonly JsonDiagnostic[], rule: string, file: string, severity?: string): number =>
      list.filter((d) => d.rule === rule && d.file === file && (severity === undefined || d.severity === severity)).length;

    // The finding is gone: fewer of its rule in its file (the file may have been renamed).
    const file = renamed(diagnostic.file);
    assert.ok(count(fixed.diagnostics, diagnostic.rule, file) < before.filter((d) => d.rule === diagnostic.rule && renamed(d.file) === file).length, `${where}: the finding is still there`);
    // Every file still parses, and no new error. A fix that only changes the configuration (a
    // table declared external) lets the analysis judge operations it could not judge before: what
    // that reveals is listed, but declaring a table a migration creates is the fix's own error.
    const touched = [...fix.edits.map((e) => e.file), ...(fix.renames ?? []).map((r) => r.to)];
    const set = fixed.result.sets.find((s) => touched.some((t) => isMigrationOf(s, path.join(root, t))));
    const revealed: string[] = [];
    for (const d of fixed.diagnostics.filter((d) => d.severity === "error" || PARSE_RULES.has(d.rule))) {
      const had = before.filter((b) => b.rule === d.rule && renamed(b.file) === d.file && b.severity === d.severity).length;
      if (count(fixed.diagnostics, d.rule, d.file, d.severity) <= had) continue;
      const news = `a new ${d.severity} ${d.rule} at ${d.file}:${d.line}: ${d.message}`;
      assert.ok(!set && !PARSE_RULES.has(d.rule) && d.rule !== "table-already-exists", `${where}: ${news}`);
      revealed.push(`${d.rule} at ${d.file}:${d.line}`);
    }
    if (!set) {
      const postgres = `n/a: the fix changes no migration${revealed.length > 0 ? `; the analysis now also judges and reports ${[...new Set(revealed)].join(", ")}` : ""}`;
      return { fixture, rule: diagnostic.rule, title: fix.title, alembic: "n/a", postgres };
    }
    // The migration the fix is about: the one it creates (a merge revision), else the finding's.
    const created = fix.edits.filter((e) => e.createFile).map((e) => revisionOf(set, path.join(root, e.file)));
    const target = created.find((id) => id !== undefined) ?? revisionOf(set, path.join(root, file)) ?? revisionOf(set, path.join(root, touched[0] ?? ""));
    const beforeSet = analyzeProject(original, sqlJudge).result.sets.find((s) => s.spec.root === set.spec.root.replace(root, original));
    const beforeTarget = beforeSet && (revisionOf(beforeSet, path.join(original, diagnostic.file)) ?? target);

    if (set.spec.kind === "alembic") {
      const was = beforeSet ? memo(verdicts, `${beforeSet.spec.root} ${beforeTarget}`, () => askAlembic(beforeSet, beforeTarget)) : undefined;
      const now = askAlembic(set, target);
      if (was?.heads.ok) assert.ok(now.heads.ok, `${where}: Alembic's heads fails after the fix: ${now.heads.error}`);
      if (was?.upgrade.ok) assert.ok(now.upgrade.ok, `${where}: alembic upgrade --sql fails after the fix: ${now.upgrade.error}`);
      // (A merge revision the fix creates has no single-step downgrade to ask for.)
      if (was?.downgrade?.ok && now.downgrade) assert.ok(now.downgrade.ok, `${where}: alembic downgrade --sql fails after the fix: ${now.downgrade.error}`);
      const heads = now.heads.output.trim().split("\n").length;
      const alembic = now.upgrade.ok ? `accepted (${heads} head${heads === 1 ? "" : "s"})` : `refused before and after: ${firstLine(now.upgrade.error)}`;
      if (!now.upgrade.ok || !target || set.settings.dialect !== "postgresql") return { fixture, rule: diagnostic.rule, title: fix.title, alembic, postgres: "n/a" };
      const downgrade = (v: typeof now | undefined) => (v?.downgrade?.ok ? v.downgrade.output : undefined);
      const ran = await runAlembicOffline(db, now.upgrade.output, target, downgrade(now));
      const ranBefore = was?.upgrade.ok && beforeTarget ? await runAlembicOffline(db, was.upgrade.output, beforeTarget, downgrade(was)) : undefined;
      return { fixture, rule: diagnostic.rule, title: fix.title, alembic, postgres: judgePostgres(where, ran, ranBefore, diagnostic.rule === "missing-downgrade") };
    }
    if (!target || set.settings.dialect !== "postgresql") return { fixture, rule: diagnostic.rule, title: fix.title, alembic: "n/a", postgres: "n/a" };
    const ran = await runSqlSteps(db, sqlSteps(set), target, true);
    const ranBefore = beforeSet && beforeTarget ? await runSqlSteps(db, sqlSteps(beforeSet), beforeTarget, true) : undefined;
    return { fixture, rule: diagnostic.rule, title: fix.title, alembic: "n/a", postgres: judgePostgres(where, ran, ranBefore, diagnostic.rule === "missing-downgrade") };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The fix committed on the branch, then main merged in: the finding is gone and the merged history has one head and runs. */
async function proveBranchFix(fixture: string, folder: string, diagnostic: JsonDiagnostic, fix: JsonFix): Promise<FixProof> {
  const where = `${fixture}: ${diagnostic.rule} at ${diagnostic.file}:${diagnostic.line}, fix "${fix.title}"`;
  const repo = buildBranchRepository(folder);
  try {
    applyJsonFix(repo.root, fix);
    const fixed = await analyzeBranch(repo.root, sqlJudge);
    assert.deepEqual(fixed.diagnostics.filter((d) => d.rule === diagnostic.rule || d.severity === "error").map((d) => `${d.rule} ${d.file}: ${d.message}`), [], `${where}: errors left on the branch`);
    mergeWithMain(repo);
    const merged = await analyzeBranch(repo.root, sqlJudge);
    assert.deepEqual(merged.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.rule} ${d.file}: ${d.message}`), [], `${where}: errors after the merge`);
    const set = merged.result.sets[0];
    assert.ok(set, `${where}: no migration set after the merge`);
    const touched = path.join(repo.root, fix.renames?.[0]?.to ?? fix.edits[0]?.file ?? "");
    const target = set.files.find((f) => f.path === touched || f.path.startsWith(`${touched}${path.sep}`))?.revision?.id;
    assert.ok(target, `${where}: the fixed migration is not in the merged history`);
    let alembic = "n/a";
    let ran;
    if (set.spec.kind === "alembic") {
      const verdict = askAlembic(set);
      assert.ok(verdict.heads.ok && verdict.upgrade.ok, `${where}: Alembic refuses the merged history: ${verdict.heads.error ?? verdict.upgrade.error}`);
      assert.equal(verdict.heads.output.trim().split("\n").length, 1, `${where}: Alembic sees several heads after the merge: ${verdict.heads.output}`);
      alembic = "accepted after the merge (1 head)";
      ran = await runAlembicOffline(db, verdict.upgrade.output, target);
    } else {
      ran = await runSqlSteps(db, sqlSteps(set), target);
    }
    assert.deepEqual([...ran.earlier, ...ran.failures], [], `${where}: PostgreSQL rejects the merged history`);
    return { fixture, rule: diagnostic.rule, title: fix.title, alembic, postgres: "the merged history runs, the fixed migration after main's" };
  } finally {
    fs.rmSync(repo.root, { recursive: true, force: true });
  }
}

/** The migration a file is, or belongs to: its down file, or a file beside it named after it (Flyway's `V1__x.sql.conf`). */
function migrationOf(set: AnalyzedSet, file: string): AnalyzedSet["files"][number] | undefined {
  return set.files.find((f) => f.path === file || f.downgrade?.file === file || file.startsWith(`${f.path}.`));
}

function isMigrationOf(set: AnalyzedSet, file: string): boolean {
  return migrationOf(set, file) !== undefined;
}

function revisionOf(set: AnalyzedSet, file: string): string | undefined {
  return migrationOf(set, file)?.revision?.id;
}

function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
}

/**
 * The fixed migration may still fail for the fixture's other findings, but PostgreSQL must not
 * reject anything it did not reject before the fix: a fix that writes a value or statement the
 * database refuses shows up as a new failure.
 */
function judgePostgres(where: string, after: UpgradeOutcome, before: UpgradeOutcome | undefined, downgradeIsTheFix: boolean): string {
  // As a set: a statement the fix splits in two (NOT VALID, then VALIDATE) may repeat a failure it
  // had. A fixture that uses objects no migration creates (to trigger other rules) makes later
  // statements on them fail too: with such failures before, a new "does not exist" is their echo.
  const missingBefore = [...(before?.failures ?? []), ...(before?.downgradeFailures ?? [])].some(isMissingObject);
  const check = (now: readonly string[], had: readonly string[] | undefined, what: string): void => {
    for (const failure of now) {
      const known = before === undefined || (had ?? []).includes(failure) || (missingBefore && isMissingObject(failure));
      assert.ok(known, `${where}: PostgreSQL rejects the fixed migration's ${what}: ${failure}`);
    }
  };
  check(after.failures, before?.failures, "upgrade");
  // A downgrade that did not run before the fix (its upgrade failed) has nothing to compare with,
  // unless writing it is the fix.
  if (before?.downgradeFailures !== undefined || downgradeIsTheFix) check(after.downgradeFailures ?? [], before?.downgradeFailures ?? [], "downgrade");
  const fixed = (before?.failures ?? []).filter((f) => !after.failures.includes(f));
  const broken = after.earlier.length > 0 ? ` (earlier migrations of the fixture fail: ${firstLine(after.earlier[0])})` : "";
  const fixedFailure = fixed.length > 0 ? `; before the fix: ${firstLine(fixed[0])}` : "";
  const down = after.downgradeFailures === undefined ? "" : after.downgradeFailures.length === 0 ? ", and its downgrade runs" : `; its downgrade still fails (${firstLine(after.downgradeFailures[0])})`;
  if (after.failures.length === 0) return `runs${down}${fixedFailure}${broken}`;
  return `no new failure; the migration still fails for other findings (${firstLine(after.failures[0])})${down}${fixedFailure}${broken}`;
}

function isMissingObject(failure: string): boolean {
  return / does not exist$/.test(failure);
}

function firstLine(text: string | undefined): string {
  return (text ?? "").split("\n")[0] ?? "";
}
