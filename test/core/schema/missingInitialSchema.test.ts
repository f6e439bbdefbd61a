import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import type { AnalysisResult } from "../../../server/src/core/analysis/analyzeSets";
import type { Fix } from "../../../server/src/core/model/findings";
import { NodeFileHost } from "../../../server/src/node/nodeFileHost";

const FIXTURE = path.resolve("test", "fixtures", "schema", "fp-alembic-create-all-then-stamp");

function analyzeCopy(): { folder: string; result: () => AnalysisResult } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-baseline-"));
  fs.cpSync(FIXTURE, folder, { recursive: true });
  fs.rmSync(path.join(folder, "expected.txt"));
  return {
    folder,
    result: () => {
      const workspace = new MigrationWorkspace(new NodeFileHost(), [folder], { now: () => new Date(2025, 0, 1) });
      workspace.discover();
      return workspace.analyze();
    },
  };
}

/** Applies a fix's edits (files it creates, or single insertions) on disk. */
function apply(fix: Fix): void {
  for (const edit of fix.edits) {
    const text = edit.createFile ? "" : fs.readFileSync(edit.file, "utf8");
    const lines = text.split("\n");
    const offset = lines.slice(0, edit.range.start.line).reduce((n, l) => n + l.length + 1, 0) + edit.range.start.character;
    fs.writeFileSync(edit.file, text.slice(0, offset) + edit.newText + text.slice(offset));
  }
}

const summary = (result: AnalysisResult) => result.findings.find((f) => f.rule === "missing-initial-schema");
const codes = (result: AnalysisResult) => result.findings.map((f) => f.rule).sort();

for (const [index, name] of [[0, "external-tables"], [1, "baseline skeleton"]] as const) {
  test(`missing-initial-schema: the ${name} fix leaves the real errors and nothing about the missing tables`, () => {
    const { result } = analyzeCopy();
    const before = result();
    apply(summary(before)!.fixes[index]!);
    const after = result();
    assert.equal(summary(after), undefined);
    assert.ok(!codes(after).includes("table-not-found") && !codes(after).includes("reference-not-found"), codes(after).join(", "));
    // The real errors of r2 are still reported.
    assert.deepEqual(codes(after).filter((c) => c.endsWith("-not-found") || c.endsWith("-exists")), ["column-already-exists", "column-not-found"]);
  });
}

test("the baseline skeleton holds each table with the columns the history uses before adding them", () => {
  const { folder, result } = analyzeCopy();
  apply(summary(result())!.fixes[1]!);
  const skeleton = fs.readFileSync(path.join(folder, "migration-lens-baseline.sql"), "utf8");
  assert.match(skeleton, /CREATE TABLE users \(\n {2}email varchar\(255\)\n\);/);
  assert.match(skeleton, /CREATE TABLE events \(\n {2}start_dt text, -- type not known\n {2}id text -- type not known\n\);/);
  // No column of contributions is used before being added: SQL cannot say "columns unknown", the configuration can.
  assert.doesNotMatch(skeleton, /CREATE TABLE contributions/);
  assert.equal(
    fs.readFileSync(path.join(folder, ".migration-lens.toml"), "utf8"),
    '# Migration Lens configuration\nbaseline = "migration-lens-baseline.sql"\nexternal-tables = ["contributions"]\n',
  );
});
