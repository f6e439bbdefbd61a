import { after, test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import { NodeFileHost } from "../../../server/src/node/nodeFileHost";
import { PgliteDatabases } from "../../../server/src/node/pgliteDatabases";
import { verifySet, type SetVerification } from "../../../server/src/core/verify/verifySet";
import { alembicScript } from "../../../server/src/core/verify/alembicScript";

// `verify` runs the migrations on PGlite and compares its catalog with the replay after each
// revision. One embedded PostgreSQL serves the whole file.
const databases = new PgliteDatabases();
after(() => databases.dispose());

async function verify(folder: string, options: { roundtrip?: boolean; to?: string; locks?: boolean } = {}): Promise<SetVerification> {
  const host = new NodeFileHost();
  const workspace = new MigrationWorkspace(host, [path.resolve(folder)]);
  workspace.discover();
  const result = workspace.analyze();
  const [set] = result.sets;
  assert.ok(set, `no migration set in ${folder}`);
  return verifySet(set, databases, { ...options, findings: result.findings, read: (file) => host.readFile(file) });
}

const lines = (v: SetVerification): string[] => v.findings.map((f) => `${path.basename(path.dirname(f.file))}/${path.basename(f.file)}:${f.range.start.line + 1} ${f.rule} ${f.message}`);

test("sequences as PostgreSQL keeps them: a widened serial keeps an integer sequence, renamed tables and columns keep their sequences' and keys' names, a taken name gets seq1, CREATE / ALTER / DROP SEQUENCE, an identity follows its column's type, a dropped default or column, a renamed enum label, identity added, changed and dropped (its NOT NULL stays), an index with INCLUDE", async () => {
  const v = await verify("test/fixtures/verify/sequences/migrations");
  assert.deepEqual(lines(v), []);
  assert.equal(v.verified, 5);
});

test("functions and domains as written (a function's body may read a table created after it; SQL-standard bodies calling one another, loaded with the table whose generated column calls them), a typed constant default, a deferrable unique constraint, renamed columns followed into index expressions, predicates and checks, unnamed keys and checks keeping the names PostgreSQL gave them, a dropped column taking its expression index and check", async () => {
  const v = await verify("test/fixtures/verify/functions-domains/migrations");
  assert.deepEqual(lines(v), []);
  assert.equal(v.verified, 3);
});

test("a primary key USING INDEX takes the index's columns and name, an unnamed unique constraint dropped by PostgreSQL's name for it, names cut to 63 bytes, an exclusion constraint, golang-migrate's own table made before the first migration (a migration changes it) and left out of the comparison, a migration's own transaction committed when it ends, a template placeholder not sent", async () => {
  const v = await verify("test/fixtures/verify/keys-and-tool-table/migrations");
  assert.deepEqual(lines(v), ["migrations/005_template.up.sql:2 not-verified Not verified on PostgreSQL: it holds template placeholders (`{{ … }}`) the migration tool fills at run time."]);
  assert.equal(v.verified, 5);
});

test("a goose StatementBegin block read statement by statement: a function taking a table's row type made after the tables, a partitioned table and its partition, a check added NOT VALID", async () => {
  const v = await verify("test/fixtures/verify/goose-block/migrations");
  assert.deepEqual(lines(v), []);
  assert.equal(v.verified, 2);
});

test("a Prisma history with renames, reserved words, index methods and foreign-key actions: every revision runs and the replay equals PostgreSQL's catalog", async () => {
  const v = await verify("test/fixtures/schema-ddl/prisma-renames/prisma");
  assert.deepEqual(lines(v), []);
  assert.equal(v.verified, 3);
  assert.equal(v.revisions, 3);
});

test("the first statement PostgreSQL rejects is reported at its line with PostgreSQL's message, and says the analysis predicted it", async () => {
  const v = await verify("examples/shop-prisma/prisma");
  assert.deepEqual(lines(v), [
    `20240215000000_orders_status/migration.sql:14 postgres-rejected PostgreSQL rejects this statement: relation "carts" does not exist. The analysis had predicted it (table-dropped-earlier).`,
  ]);
  assert.equal(v.verified, 1);
});

test("Alembic operations are rendered as PostgreSQL DDL (serial keys, enums, foreign-key actions, op.execute as written, renames) and match the replay", async () => {
  const v = await verify("test/fixtures/verify/alembic");
  assert.deepEqual(lines(v), []);
  assert.equal(v.verified, 3);
});

test("--roundtrip: a downgrade that leaves a column behind is reported, and upgrading again is not judged from the wrong place", async () => {
  const v = await verify("test/fixtures/verify/alembic", { roundtrip: true });
  assert.deepEqual(lines(v), ["versions/c3_note.py:20 downgrade-mismatch The downgrade leaves column public.accounts.note (text); it was not there before the upgrade."]);
});

test("--to stops at a revision", async () => {
  const v = await verify("test/fixtures/verify/alembic", { to: "b2" });
  assert.equal(v.revisions, 2);
  assert.equal(v.verified, 2);
});

test("DDL inside DO blocks is read (no mismatch for a type created under an EXCEPTION handler); an EXECUTE of a built string is a replay-mismatch at that statement; enum labels added BEFORE / AFTER keep PostgreSQL's order", async () => {
  const v = await verify("test/fixtures/verify/do-block/migrations");
  assert.deepEqual(lines(v), [
    "002_more/migration.sql:18 replay-mismatch PostgreSQL has index public.users_name_idx (CREATE INDEX users_name_idx ON public.users USING btree (name)) after this migration; the replay does not. This migration has 1 statement(s) the analysis does not follow (line 18).",
  ]);
});

test("what cannot be rendered is listed as not verified, never guessed", () => {
  const host = new NodeFileHost();
  const workspace = new MigrationWorkspace(host, [path.resolve("test/fixtures/verify/alembic")]);
  workspace.discover();
  const [set] = workspace.analyze().sets;
  const file = set?.files.find((f) => f.path.endsWith("b2_orders.py"));
  assert.ok(file);
  const script = alembicScript(file, "upgrade");
  assert.deepEqual(
    script.statements.map((s) => s.sql.split("\n")[0]),
    ["CREATE TYPE order_status AS ENUM ('new', 'paid')", "CREATE TABLE orders (", "ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE", "CREATE INDEX orders_open ON orders (account_id) WHERE status = 'new'"],
  );
  assert.deepEqual(script.notVerifiable, []);
  // op.execute calls that read as no operation each still run, in order.
  const note = set?.files.find((f) => f.path.endsWith("c3_note.py"));
  assert.ok(note);
  assert.deepEqual(
    alembicScript(note, "upgrade").statements.map((s) => s.sql),
    ["SET lock_timeout = '5s'", "COMMENT ON TABLE accounts IS 'people'", "ALTER TABLE accounts ADD COLUMN note text", "ALTER TABLE accounts RENAME COLUMN email TO login"],
  );
});

test("a column type the renderer does not know (a project's TypeDecorator) is not verified, and what fails after it is not claimed as PostgreSQL's rejection", async () => {
  const v = await verify("test/fixtures/verify/alembic-project-type");
  assert.deepEqual(lines(v), [
    "versions/p1_items.py:15 not-verified Not verified on PostgreSQL: the type of column 'id' (guid) is not known as PostgreSQL SQL.",
    'versions/p2_price.py:14 not-verified Not verified from here on: PostgreSQL rejects this statement (relation "items" does not exist), which may follow from 1 statement(s) not verified before it.',
  ]);
  assert.equal(v.findings.filter((f) => f.severity !== "info").length, 0);
});

test("--locks: the locks each statement takes on a table that existed before, the rewrites PostgreSQL did, and the rules' claims beside them (widening a varchar or a numeric rewrites nothing, and no rule says it does)", async () => {
  const v = await verify("test/fixtures/verify/locks/migrations", { locks: true });
  assert.deepEqual(lines(v), [
    "002_change/migration.sql:2 lock-trace PostgreSQL took AccessExclusiveLock on public.accounts.",
    "002_change/migration.sql:5 lock-trace PostgreSQL took AccessExclusiveLock on public.accounts; it rewrote public.accounts. The analysis said: change-column-type.",
    "002_change/migration.sql:8 lock-trace PostgreSQL took AccessExclusiveLock on public.accounts.",
    "002_change/migration.sql:11 lock-trace PostgreSQL took AccessExclusiveLock on public.accounts.",
    "002_change/migration.sql:12 lock-trace PostgreSQL took AccessExclusiveLock on public.accounts.",
    "002_change/migration.sql:15 lock-trace PostgreSQL took ShareLock on public.accounts. The analysis said: non-concurrent-index.",
  ]);
});

test("a renamed table keeps the foreign keys that point at it (PostgreSQL follows the table, not its name)", async () => {
  const v = await verify("test/fixtures/verify/renamed-table/migrations");
  assert.deepEqual(lines(v), []);
});

test("the replay's DDL finds extensions' types and operator classes by their schema, enums in a quoted schema, and reads as on a new session after pg_dump's empty search path, set after set", async () => {
  for (let round = 0; round < 2; round++) {
    const v = await verify("test/fixtures/verify/set-aside/migrations");
    assert.deepEqual(lines(v), [], `round ${round + 1}`);
    assert.equal(v.verified, 3);
  }
});
