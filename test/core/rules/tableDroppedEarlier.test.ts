import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { alembicSql, analyzeFolder, applyFix, copyFixture, errorCode } from "../../support/fixProject";

// table-dropped-earlier's fixes, proved on PostgreSQL (PGlite): the history fails as written, and
// after each fix Debian's Alembic 1.8 still writes it offline (`--sql`: no connection to inspect) and
// PostgreSQL runs every upgrade, then every downgrade, with a row in each table.
const ALEMBIC = ["table-dropped-earlier-alembic", "table-dropped-earlier-drop-again", "table-dropped-earlier-execute"];
const ROWS = "INSERT INTO users (id) VALUES (1); INSERT INTO legacy_events (id, kind) VALUES (1, 'signup');";


async function fixesOf(fixture: string): Promise<string[]> {
  const findings = (await analyzeFolder(copyFixture(`schema/${fixture}`))).filter((f) => f.rule === "table-dropped-earlier");
  assert.equal(findings.length, 1, fixture);
  return findings[0]!.fixes.map((f) => f.title);
}

for (const fixture of ALEMBIC) {
  test(`${fixture}: fails on PostgreSQL as written; each fix runs offline, up and down`, async () => {
    const titles = await fixesOf(fixture);
    assert.ok(titles.length > 0);
    const original = copyFixture(`schema/${fixture}`);
    const db = new PGlite();
    try {
      await db.exec(alembicSql(original, "upgrade", "e1_base") + ROWS);
      assert.equal(await errorCode(db, alembicSql(original, "upgrade", "e1_base:head")), "42P01");
    } finally {
      await db.close();
    }
    for (const title of titles) {
      const root = copyFixture(`schema/${fixture}`);
      const finding = (await analyzeFolder(root)).find((f) => f.rule === "table-dropped-earlier")!;
      applyFix(finding.fixes.find((f) => f.title === title)!);
      assert.deepEqual((await analyzeFolder(root)).filter((f) => f.severity === "error"), [], title);
      const fixed = new PGlite();
      try {
        await fixed.exec(alembicSql(root, "upgrade", "e1_base") + ROWS);
        assert.equal(await errorCode(fixed, alembicSql(root, "upgrade", "e1_base:head")), undefined, title);
        assert.equal(await errorCode(fixed, alembicSql(root, "downgrade", "head:base")), undefined, title);
      } finally {
        await fixed.close();
      }
    }
  });
}

test("table-dropped-earlier-sql: IF EXISTS on the up statement and on its inverse in the down file", async () => {
  const root = copyFixture("schema/table-dropped-earlier-sql");
  const file = (name: string): string => `BEGIN; ${fs.readFileSync(path.join(root, "migrations", name), "utf8")} COMMIT;`;
  const finding = (await analyzeFolder(root)).find((f) => f.rule === "table-dropped-earlier")!;
  const db = new PGlite();
  try {
    await db.exec(file("000001_legacy.up.sql") + "INSERT INTO legacy_events VALUES (1, 'signup');");
    await db.exec(file("000002_drop_legacy.up.sql"));
    assert.equal(await errorCode(db, file("000003_legacy_payload.up.sql")), "42P01");
    applyFix(finding.fixes[0]!);
    assert.deepEqual((await analyzeFolder(root)).filter((f) => f.severity === "error"), []);
    for (const name of ["000003_legacy_payload.up.sql", "000003_legacy_payload.down.sql", "000002_drop_legacy.down.sql", "000001_legacy.down.sql"]) {
      assert.equal(await errorCode(db, file(name)), undefined, name);
    }
  } finally {
    await db.close();
  }
});
