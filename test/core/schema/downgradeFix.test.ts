import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import type { Finding } from "../../../server/src/core/model/findings";
import { NodeFileHost } from "../../../server/src/node/nodeFileHost";
import { alembic, alembicProject, applyFixes, hasAlembic } from "../../support/alembicProject";

// missing-downgrade's generated downgrade() of fixture schema/fix-downgrade-loosened-column, run
// by Alembic 1.8 (offline) on PostgreSQL after a row took NULL in the column the upgrade loosened.
const FIXTURE = path.resolve("test/fixtures/schema/fix-downgrade-loosened-column/alembic/versions");

function missingDowngrades(root: string): Finding[] {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [root], { now: () => new Date(2025, 0, 1) });
  workspace.discover();
  return workspace.analyze().findings.filter((f) => f.rule === "missing-downgrade");
}

test("the generated downgrade runs over a row the loosened column lets hold NULL", { skip: !hasAlembic && "Debian's Alembic is not installed" }, async (t) => {
  const root = alembicProject();
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  for (const name of fs.readdirSync(FIXTURE)) fs.copyFileSync(path.join(FIXTURE, name), path.join(root, "alembic", "versions", name));
  applyFixes(...missingDowngrades(root).map((f) => f.fixes[0]!));
  assert.deepEqual(missingDowngrades(root), []);

  const up = alembic(root, ["upgrade", "head", "--sql"]);
  const down = alembic(root, ["downgrade", "g02_optional_nickname:g01_members", "--sql"]);
  assert.equal(up.status, 0, up.stderr);
  assert.equal(down.status, 0, down.stderr);
  const db = new PGlite();
  try {
    await db.exec(up.stdout);
    await db.exec("INSERT INTO members (id, nickname, email, bio) VALUES (1, NULL, 'a@example.com', 'hi')");
    // What the downgrade leaves out would fail here: NOT NULL again over a NULL.
    await assert.rejects(db.exec("BEGIN; ALTER TABLE members ALTER COLUMN nickname SET NOT NULL"), /contains null values/);
    await db.exec("ROLLBACK");
    await db.exec(down.stdout);
    const columns = await db.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'members' ORDER BY column_name");
    assert.deepEqual(columns.rows.map((r) => r.column_name), ["email", "id", "nickname"]);
  } finally {
    await db.close();
  }
});
