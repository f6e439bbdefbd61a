import { after, test } from "node:test";
import * as assert from "node:assert/strict";
import { renderMarkdownReport } from "../../../server/src/core/navigation/report";
import { summarizeAnalysis, summarizeSets } from "../../../server/src/core/navigation/summaries";
import { INI, Project, revision } from "./project";

const p = new Project({
  "alembic.ini": INI,
  "alembic/versions/a1.py": revision("a1", null, { message: "create users", date: "2024-01-01 09:00:00" }),
  "alembic/versions/b2.py": revision("b2", "a1", { message: "create posts" }),
  "alembic/versions/c3.py": revision("c3", "a1", { message: "add | pipe" }),
  "alembic/versions/d4.py": revision("d4", "zz", { message: "typo" }),
});
after(() => p.dispose());

test("summarizeSets: each set with its revisions newest first and per-file problem counts", () => {
  const { sets } = summarizeSets(p.result);
  assert.equal(sets.length, 1);
  const set = sets[0]!;
  assert.equal(set.root, p.path("alembic"));
  assert.equal(set.configFile, p.path("alembic.ini"));
  assert.deepEqual(set.revisions.map((r) => r.id), ["b2", "c3", "a1", "d4"]);
  assert.deepEqual([...set.heads].sort(), ["b2", "c3", "d4"]);
  assert.deepEqual(set.bases, ["a1"]);
  const a1 = set.revisions.find((r) => r.id === "a1")!;
  assert.deepEqual(a1, {
    id: "a1",
    file: p.path("alembic/versions/a1.py"),
    line: 10,
    message: "create users",
    createDate: "2024-01-01 09:00:00",
    parents: [],
    missingParents: [],
    children: ["b2", "c3"],
    dependsOn: [],
    declaredLabels: [],
    labels: [],
    isHead: false,
    isBase: true,
    isMergePoint: false,
    isBranchPoint: true,
    errors: 0,
    warnings: 0,
    isNew: false,
  });
  const d4 = set.revisions.find((r) => r.id === "d4")!;
  assert.deepEqual([d4.parents, d4.missingParents, d4.errors], [["zz"], ["zz"], 2]);
  assert.equal(set.revisions.find((r) => r.id === "b2")!.errors, 1, "multiple-heads is an error on b2");
  assert.deepEqual(set.problems, { errors: 4, warnings: 0, infos: 0 });
  // The server says which heads compete (the status bar's colour), as multiple-heads reads them.
  assert.deepEqual(set.competingHeads.map((g) => [...g].sort()), [["b2", "c3", "d4"]]);
});

test("summarizeAnalysis: the status bar's totals", () => {
  const summary = summarizeAnalysis(p.result);
  // unknown-revision on d4, multiple-heads on each of the three heads.
  // Analysed without git: nothing is new, and nothing is said about a branch.
  assert.deepEqual(summary, { sets: 1, revisions: 4, heads: 3, errors: 4, warnings: 0, infos: 0, newMigrations: 0, scope: [] });
});

test("the Markdown report: sets, heads, bases, merge points, diagnostics by file with line numbers", () => {
  const report = renderMarkdownReport(p.result, p.root);
  assert.match(report, /^# Migration Lens report\n\n1 set · 4 revisions · 4 errors · 0 warnings · 0 infos\n/);
  assert.match(report, /## `alembic` — from `alembic.ini`\n\n- Revisions: 4\n- Heads: `b2` \(create posts\), `c3` \(add \\\| pipe\), `d4` \(typo\)\n- Bases: `a1` \(create users\)\n- Merge points: none\n- Branch points: `a1` \(create users\)/);
  assert.match(report, /### `alembic\/versions\/d4.py`\n\n\| Line \| Severity \| Rule \| Message \|\n\|---:\|---\|---\|---\|\n\| 11:13 \| error \| `multiple-heads` \| [^\n]*\n\| 12:18 \| error \| `unknown-revision` \| down_revision names 'zz'/);
});

test("an empty workspace reports no sets and no diagnostics", () => {
  const empty = { sets: [], findings: [], files: [] };
  assert.deepEqual(summarizeSets(empty), { sets: [] });
  assert.match(renderMarkdownReport(empty), /0 sets · 0 revisions[\s\S]*## Diagnostics\n\nNone\./);
});
