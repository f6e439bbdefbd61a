import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import type { Finding } from "../../../server/src/core/model/findings";
import { NodeFileHost } from "../../../server/src/node/nodeFileHost";
import { applyFixes } from "../../support/alembicProject";

// The fixes of the Prisma fixtures below, applied as described, leave migrations PostgreSQL runs
// over tables that hold rows, and the findings they answer are gone.
const CASES: { fixture: string; rules: string[]; rows: string }[] = [
  { fixture: "fix-required-column-sql", rules: ["add-required-column"], rows: "INSERT INTO orders DEFAULT VALUES" },
  { fixture: "fix-not-valid-sql", rules: ["add-foreign-key", "add-check-constraint"], rows: `INSERT INTO customers DEFAULT VALUES; INSERT INTO orders ("customerId", total) VALUES (1, 5)` },
];

function findings(root: string, rules: readonly string[]): Finding[] {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [root], { now: () => new Date(2025, 0, 1) });
  workspace.discover();
  return workspace.analyze().findings.filter((f) => rules.includes(f.rule));
}

for (const { fixture, rules, rows } of CASES) {
  test(`fixture ${fixture}: every first fix applied, the migrations run on PostgreSQL over rows`, async (t) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-sql-fixes-"));
    t.after(() => fs.rmSync(root, { recursive: true, force: true }));
    fs.cpSync(path.resolve("test/fixtures/schema", fixture), root, { recursive: true });
    const before = findings(root, rules);
    const fixed = before.filter((f) => f.fixes.length > 0);
    assert.ok(fixed.length > 0);
    applyFixes(...fixed.map((f) => f.fixes[0]!));
    // Only the findings that had no fix remain.
    assert.deepEqual(findings(root, rules).map((f) => f.message), before.filter((f) => f.fixes.length === 0).map((f) => f.message));

    const migrations = path.join(root, "prisma", "migrations");
    const [first, ...rest] = fs.readdirSync(migrations).filter((name) => fs.statSync(path.join(migrations, name)).isDirectory()).sort();
    const db = new PGlite();
    try {
      await db.exec(fs.readFileSync(path.join(migrations, first!, "migration.sql"), "utf8"));
      await db.exec(rows);
      for (const name of rest) await db.exec(fs.readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
    } finally {
      await db.close();
    }
  });
}
