import { after, test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import { NodeFileHost } from "../../../server/src/node/nodeFileHost";
import { PgliteDatabases } from "../../../server/src/node/pgliteDatabases";
import { initialSchemaOf } from "../../../server/src/core/schema/initialSchema";
import { replaySchema } from "../../../server/src/core/schema/replay";
import { renderDdlStatements, type DdlStatement } from "../../../server/src/core/schema/renderDdl";
import { readCatalog } from "../../../server/src/core/verify/catalog";
import { EMPTY_DATABASE, type VerifyDatabase } from "../../../server/src/core/verify/database";
import { ReplayCatalog } from "../../../server/src/core/verify/replayCatalog";

// verify loads each table and type of the replay once per distinct DDL and keeps what PostgreSQL
// made of it: the catalog it assembles must be the one the whole DDL, loaded at once, gives.
const databases = new PgliteDatabases();
after(() => databases.dispose());

/** The replay's DDL statements after each revision of the folder's set, in the graph's order. */
function ddlByRevision(folder: string): { id: string; text: string; statements: DdlStatement[] }[] {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [path.resolve(folder)]);
  workspace.discover();
  const [set] = workspace.analyze().sets;
  assert.ok(set, `no migration set in ${folder}`);
  const out: { id: string; text: string; statements: DdlStatement[] }[] = [];
  replaySchema(set, { initial: initialSchemaOf(set), onRevision: (id, state) => out.push({ id, ...renderDdlStatements(state, id, folder) }) });
  return out;
}

/** Counts the CREATE TABLE statements the database is sent. */
function counting(database: VerifyDatabase): { database: VerifyDatabase; created: () => number } {
  let created = 0;
  return {
    created: () => created,
    database: {
      exec: (sql) => {
        created += sql.split("CREATE TABLE").length - 1;
        return database.exec(sql);
      },
      query: (sql) => database.query(sql),
    },
  };
}

for (const folder of ["test/fixtures/schema-ddl/prisma-renames/prisma", "test/fixtures/verify/alembic", "test/fixtures/verify/renamed-table", "examples/shop-prisma/prisma", "examples/blog"]) {
  test(`${folder}: after each revision, the catalog assembled from the tables and types loaded one by one equals the whole DDL loaded at once`, async () => {
    const { database } = await databases.open(["citext", "pg_trgm"]);
    await database.exec(EMPTY_DATABASE);
    const replay = new ReplayCatalog(database);
    for (const { id, text, statements } of ddlByRevision(folder)) {
      await database.exec(EMPTY_DATABASE);
      await database.exec(text);
      const whole = await readCatalog(database);
      assert.deepEqual(await replay.differences(whole, statements), [], `after ${id}`);
    }
  });
}

test("a revision loads only the tables it changed and those whose foreign keys name them, and the same DDL again loads nothing", async () => {
  const revisions = ddlByRevision("test/fixtures/schema-ddl/prisma-renames/prisma");
  const { database } = await databases.open(["citext"]);
  await database.exec(EMPTY_DATABASE);
  const counted = counting(database);
  const replay = new ReplayCatalog(counted.database);
  const loaded: number[] = [];
  for (const { statements } of [...revisions, revisions[revisions.length - 1] as (typeof revisions)[number]]) {
    const before = counted.created();
    await replay.differences(new Map(), statements);
    loaded.push(counted.created() - before);
  }
  // The last migration adds indexes to "order" and "users" and renames a column of "Workspace",
  // whose key names "users": "tags" and audit."Event" are not loaded again.
  assert.deepEqual(loaded.slice(2), [3, 0]);
  assert.equal(loaded[0], 5);
});

test("a statement of the replay's DDL that PostgreSQL rejects is a difference of the table it belongs to, said again whenever that DDL is compared", async () => {
  const { database } = await databases.open([]);
  await database.exec(EMPTY_DATABASE);
  const replay = new ReplayCatalog(database);
  const statements: DdlStatement[] = [
    { kind: "table", object: { name: "owners" }, sql: "CREATE TABLE owners (id integer NOT NULL)" },
    { kind: "table", object: { name: "pets" }, sql: "CREATE TABLE pets (owner_id integer)" },
    { kind: "foreign key", object: { name: "pets" }, references: { name: "owners" }, sql: "ALTER TABLE pets ADD CONSTRAINT pets_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES owners (id)" },
  ];
  for (let round = 0; round < 2; round++) {
    const rejected = (await replay.differences(new Map(), statements)).filter((d) => d.key.startsWith("ddl "));
    assert.deepEqual(
      rejected.map((d) => d.replay),
      ['rejected: there is no unique constraint matching given keys for referenced table "owners"'],
    );
  }
});

test("tables that PostgreSQL names alike only when they load together (serial sequences foo_bar_baz_seq and foo_bar_baz_seq1) are loaded together", async () => {
  const { database } = await databases.open([]);
  await database.exec(EMPTY_DATABASE);
  const statements: DdlStatement[] = [
    { kind: "table", object: { name: "foo_bar" }, sql: "CREATE TABLE foo_bar (baz serial NOT NULL)" },
    { kind: "table", object: { name: "foo" }, sql: "CREATE TABLE foo (bar_baz serial NOT NULL)" },
  ];
  await database.exec(statements.map((s) => `${s.sql};`).join("\n"));
  const whole = await readCatalog(database);
  assert.equal(whole.get("sequence public.foo_bar_baz_seq1")?.definition, "integer OWNED BY public.foo.bar_baz");
  await database.exec(EMPTY_DATABASE);
  assert.deepEqual(await new ReplayCatalog(database).differences(whole, statements), []);
});

test("the replay's DDL does not find the migrations' own objects (a function the replay does not model is a rejection, not a match)", async () => {
  const { database } = await databases.open([]);
  await database.exec(EMPTY_DATABASE);
  await database.exec("CREATE FUNCTION next_code() RETURNS integer LANGUAGE sql AS 'SELECT 1'; CREATE TABLE codes (code integer DEFAULT next_code())");
  const migrated = await readCatalog(database);
  const statements: DdlStatement[] = [{ kind: "table", object: { name: "codes" }, sql: "CREATE TABLE codes (code integer DEFAULT next_code())" }];
  const rejected = (await new ReplayCatalog(database).differences(migrated, statements)).filter((d) => d.key.startsWith("ddl "));
  assert.deepEqual(
    rejected.map((d) => d.replay),
    ["rejected: function next_code() does not exist"],
  );
});
