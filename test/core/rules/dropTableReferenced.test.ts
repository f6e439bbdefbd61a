import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { alembicSql, analyzeFolder, applyFix, copyFixture, errorCode } from "../../support/fixProject";

// What drop-table-referenced claims, checked against PostgreSQL (PGlite) running the SQL Debian's
// Alembic 1.8 writes for the fixture, before and after its fix.
const FIRST = "a1_users_and_orders";
const DROP = "a2_drop_users";


test("PostgreSQL refuses the drop the rule reports, and runs the fixed migration up and down with a row in each table", async () => {
  const root = copyFixture("schema/drop-table-referenced-alembic");
  const findings = (await analyzeFolder(root)).filter((f) => f.rule === "drop-table-referenced");
  assert.equal(findings.length, 1);
  const db = new PGlite();
  try {
    await db.exec(alembicSql(root, "upgrade", FIRST));
    await db.exec("INSERT INTO users (id) VALUES (1); INSERT INTO orders VALUES (1, 1); INSERT INTO invoices VALUES (1, 1); INSERT INTO payments VALUES (1, 1); INSERT INTO notes VALUES (1, 1);");
    assert.equal(await errorCode(db, alembicSql(root, "upgrade", `${FIRST}:${DROP}`)), "2BP01");

    applyFix(findings[0]!.fixes[0]!);
    assert.deepEqual((await analyzeFolder(root)).filter((f) => f.severity === "error"), []);
    assert.equal(await errorCode(db, alembicSql(root, "upgrade", `${FIRST}:${DROP}`)), undefined);
    const rows = await db.query<{ n: number }>("SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM invoices) + (SELECT count(*) FROM payments) AS n");
    assert.equal(Number(rows.rows[0]!.n), 3);

    // The downgrade creates users again and adds the keys back, NOT VALID: the old rows point at ids gone with the table.
    assert.equal(await errorCode(db, alembicSql(root, "downgrade", `${DROP}:${FIRST}`)), undefined);
    const keys = await db.query<{ conname: string; convalidated: boolean }>("SELECT conname, convalidated FROM pg_constraint WHERE contype = 'f' AND confrelid = 'users'::regclass ORDER BY conname");
    assert.deepEqual(keys.rows.map((r) => [r.conname, r.convalidated]), [
      ["invoices_user_id_fkey", false],
      ["notes_user_fk", true],
      ["orders_user_fk", false],
      ["payments_user_id_fkey", false],
      ["users_manager_fk", true],
    ]);
    const orders = await db.query<{ def: string }>("SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'orders_user_fk'");
    assert.equal(orders.rows[0]!.def, "FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE NOT VALID");
  } finally {
    await db.close();
  }
});

test("the keys' names are PostgreSQL's own (cut to 63 bytes, numbered when taken): the fixed SQL migration runs up and down", async () => {
  const root = copyFixture("schema/drop-table-referenced-sql");
  const file = (name: string): string => fs.readFileSync(path.join(root, "migrations", name), "utf8");
  const [finding] = (await analyzeFolder(root)).filter((f) => f.rule === "drop-table-referenced");
  const db = new PGlite();
  try {
    await db.exec(file("000001_accounts.up.sql"));
    await db.exec(
      "INSERT INTO accounts VALUES (1, 'eu', NULL); INSERT INTO transfers VALUES (1, 1, 1); INSERT INTO regional_account_memberships_for_the_quarterly_statements VALUES (1, 1, 'eu');" +
        "INSERT INTO ledger VALUES (1, 1); INSERT INTO holds VALUES (1, 1); INSERT INTO \"user\" VALUES (1, 1);",
    );
    assert.equal(await errorCode(db, `BEGIN; ${file("000002_drop_accounts.up.sql")} COMMIT;`), "2BP01");

    applyFix(finding!.fixes[0]!);
    assert.deepEqual((await analyzeFolder(root)).filter((f) => f.severity === "error"), []);
    assert.equal(await errorCode(db, `BEGIN; ${file("000002_drop_accounts.up.sql")} COMMIT;`), undefined);
    assert.equal(await errorCode(db, `BEGIN; ${file("000002_drop_accounts.down.sql")} COMMIT;`), undefined);
    const keys = await db.query<{ n: number }>("SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND confrelid = 'accounts'::regclass AND conrelid <> 'accounts'::regclass");
    assert.equal(Number(keys.rows[0]!.n), 7);
    const transfers = await db.query<{ def: string }>("SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'transfers_from_account_fkey'");
    assert.equal(transfers.rows[0]!.def, "FOREIGN KEY (from_account) REFERENCES accounts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED NOT VALID");
  } finally {
    await db.close();
  }
});

test("MySQL and SQLite sets are not judged: a session may turn foreign_key_checks off, SQLite does not enforce keys unless asked", async () => {
  for (const dialect of ["mysql", "sqlite"]) {
    const root = copyFixture("schema/drop-table-referenced-sql");
    fs.writeFileSync(path.join(root, ".migration-lens.toml"), `dialect = "${dialect}"\n`);
    const findings = await analyzeFolder(root);
    assert.ok(findings.some((f) => f.rule === "drop-table"), dialect);
    assert.deepEqual(findings.filter((f) => f.rule === "drop-table-referenced"), [], dialect);
  }
});

test("where the rule stays silent for PostgreSQL's sake, PostgreSQL drops the table", async () => {
  const root = copyFixture("schema/drop-table-referenced-not-claimed");
  const reported = (await analyzeFolder(root)).filter((f) => f.rule === "drop-table-referenced").map((f) => f.range.start.line + 1);
  assert.deepEqual(reported, [28, 30], "p9, whose key's name comes from a naming convention; p10, whose second key may not be there");
  const db = new PGlite();
  try {
    await db.exec(alembicSql(root, "upgrade", "n1_tables"));
    const statements = alembicSql(root, "upgrade", "n1_tables:n2_drops").split(/;\n/).map((s) => s.replace(/^--.*$/gm, "").trim());
    // Same statement, the referencing table dropped first, CASCADE, a self-reference, a key added only
    // with an -x argument (offline without it: not added), a key dropped by PostgreSQL's generated name,
    // a key dropped by the name env.py's naming convention gave it.
    const accepted = [
      "DROP TABLE p1, p1_child",
      "DROP TABLE p2_child",
      "DROP TABLE p2",
      "DROP TABLE p3 CASCADE",
      "DROP TABLE tree",
      "DROP TABLE p4",
      "ALTER TABLE p6_child DROP CONSTRAINT p6_child_p6_id_fkey",
      "DROP TABLE p6",
      "ALTER TABLE p7_child DROP CONSTRAINT fk_p7_child_p7_id_p7",
      "DROP TABLE p7",
    ];
    for (const statement of accepted) {
      assert.ok(statements.includes(statement), statement);
      assert.equal(await errorCode(db, statement), undefined, statement);
    }
    assert.equal(await errorCode(db, "BEGIN; DROP TABLE p9; COMMIT;"), "2BP01");
  } finally {
    await db.close();
  }
});

test("keys whose table the upgrade drops later are not added back by the downgrade: it creates that table again with them", async () => {
  const root = copyFixture("schema/drop-table-referenced-alembic");
  const revision = path.join(root, "alembic", "versions", "a2_drop_users.py");
  fs.writeFileSync(revision, fs.readFileSync(revision, "utf8").replace('    op.drop_table("users")\n', '    op.drop_table("users")\n    op.drop_table("orders")\n'));
  const [finding] = (await analyzeFolder(root)).filter((f) => f.rule === "drop-table-referenced");
  assert.equal(finding!.fixes[0]!.title, "Drop foreign keys 'orders_user_fk', 'invoices_user_id_fkey', 'payments_user_id_fkey' first");
  assert.equal(finding!.fixes[0]!.edits.length, 1);
});
