import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { MigrationWorkspace } from "../../server/src/core/analysis/workspace";
import { NodeFileHost } from "../../server/src/node/nodeFileHost";
import { renderAnalysis } from "../support/renderFindings";
import { loadSqlJudge } from "../../server/src/node/databaseParsers";

import type { SqlJudge } from "../../server/src/core/sql/sqlJudge";

// As the CLI and the server judge SQL: PostgreSQL's own parser decides what is a syntax error.
let sqlJudge: SqlJudge;
before(async () => {
  sqlJudge = await loadSqlJudge();
});

/**
 * Each folder under test/fixtures/alembic (revision graphs) and test/fixtures/schema (schema
 * replay) is a project; `expected.txt` beside its files is the rendered analysis. Set
 * UPDATE_SNAPSHOTS=1 to rewrite them (or UPDATE_SNAPSHOTS=<part of a name> for some), then
 * review the diff.
 */
const GROUPS = ["alembic", "schema", "known-issues"].map((group) => path.resolve("test", "fixtures", group)).filter((group) => fs.existsSync(group));
const FIXED_NOW = new Date(2025, 0, 1, 12, 0, 0);

for (const folder of GROUPS.flatMap((group) => fs.readdirSync(group).sort().map((name) => path.join(group, name)))) {
  if (!fs.statSync(folder).isDirectory()) continue;
  const name = `${path.basename(path.dirname(folder))}/${path.basename(folder)}`;
  // known-issues/: cases found on real projects whose expected.txt says what SHOULD be printed and
  // the analysis does not print yet. They run as todo: visible in every run, not failing it.
  const todo = name.startsWith("known-issues/") ? "a known issue: expected.txt is what should be printed" : undefined;
  test(`fixture ${name}`, { todo }, () => {
    const workspace = new MigrationWorkspace(new NodeFileHost(), [folder], { now: () => FIXED_NOW, sqlJudge });
    workspace.discover();
    const actual = renderAnalysis(workspace.analyze(), folder, (f) => fs.readFileSync(f, "utf8"));
    const expectedFile = path.join(folder, "expected.txt");
    // UPDATE_SNAPSHOTS=1 rewrites every snapshot; UPDATE_SNAPSHOTS=<text> only those whose name contains it.
    const update = process.env["UPDATE_SNAPSHOTS"];
    if (!todo && ((update && (update === "1" || name.includes(update))) || !fs.existsSync(expectedFile))) fs.writeFileSync(expectedFile, actual);
    assert.equal(actual, fs.readFileSync(expectedFile, "utf8"));
  });
}
