import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import type { Finding } from "../../../server/src/core/model/findings";
import { NodeFileHost } from "../../../server/src/node/nodeFileHost";
import { alembic, alembicProject, applyFixes, hasAlembic } from "../../support/alembicProject";

// The add-required-column fixes of fixture schema/fix-required-column-types, applied to its
// SQLAlchemy types, rendered by Alembic 1.8 itself (offline, --sql) and run on PostgreSQL over a
// table that holds a row.
const FIXTURE = path.resolve("test/fixtures/schema/fix-required-column-types/alembic/versions");

/** The fixture's revisions in a project made by `alembic init`. */
function fixtureProject(t: { after: (fn: () => void) => void }): string {
  const root = alembicProject();
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  for (const name of fs.readdirSync(FIXTURE)) fs.copyFileSync(path.join(FIXTURE, name), path.join(root, "alembic", "versions", name));
  return root;
}

/** The base revision, a row in its table, then the rest: each step's SQL as Alembic writes it offline. */
async function upgradeOverARow(root: string): Promise<Record<string, unknown> | undefined> {
  const base = alembic(root, ["upgrade", "f01_orders", "--sql"]);
  const rest = alembic(root, ["upgrade", "f01_orders:head", "--sql"]);
  assert.equal(base.status, 0, base.stderr);
  assert.equal(rest.status, 0, rest.stderr);
  const db = new PGlite();
  try {
    await db.exec(base.stdout);
    await db.exec("INSERT INTO orders (id) VALUES (1)");
    await db.exec(rest.stdout);
    return (await db.query<Record<string, unknown>>("SELECT * FROM orders")).rows[0];
  } finally {
    await db.close();
  }
}

function requiredColumnFindings(root: string): Finding[] {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [root], { now: () => new Date(2025, 0, 1) });
  workspace.discover();
  return workspace.analyze().findings.filter((f) => f.rule === "add-required-column");
}

test("every server default the fix writes is taken by PostgreSQL, through Alembic 1.8", { skip: !hasAlembic && "Debian's Alembic is not installed" }, async (t) => {
  const root = fixtureProject(t);
  const findings = requiredColumnFindings(root);
  assert.equal(findings.length, 16);
  for (const finding of findings) assert.equal(finding.fixes.at(-1)?.title, "Add it nullable (backfill, then SET NOT NULL in a later migration)");
  // A default where its type is known, else nullable.
  applyFixes(...findings.map((f) => f.fixes[0]!));
  assert.deepEqual(requiredColumnFindings(root), []);
  const row = await upgradeOverARow(root);
  assert.deepEqual(
    { ...row, tags: String(row?.["tags"]), placed_at: row?.["placed_at"] instanceof Date, due: row?.["due"] instanceof Date },
    { id: 1, first_status: null, status: "pending", tags: "", token: "00000000-0000-0000-0000-000000000000", total: "0.00", paid: false, placed_at: true, due: true, grace: "00:00:00", client_ip: "0.0.0.0", details: {}, label: "", priority: "low", units: null, seen_at: null, code: "", mood: "calm", note: "-" },
  );
});

test("adding it nullable is valid for every column, whatever its type", { skip: !hasAlembic && "Debian's Alembic is not installed" }, async (t) => {
  const root = fixtureProject(t);
  applyFixes(...requiredColumnFindings(root).map((f) => f.fixes.at(-1)!));
  assert.deepEqual(requiredColumnFindings(root), []);
  assert.equal((await upgradeOverARow(root))?.["status"], null);
});
