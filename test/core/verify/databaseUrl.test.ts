import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { Client } from "pg";
import { PostgresServer } from "../../support/postgresServer";

// `verify --database-url` on Debian's PostgreSQL 15 server: the same run as on PGlite, on a
// throwaway database the user names; a database that is not empty is refused, never emptied.
const CLI = path.resolve("dist", "cli.js");
let server: PostgresServer;

before(async () => {
  server = await PostgresServer.start();
  const admin = new Client({ connectionString: server.url() });
  await admin.connect();
  await admin.query("CREATE DATABASE throwaway");
  await admin.query("CREATE DATABASE inuse");
  await admin.query("CREATE DATABASE typed");
  await admin.end();
  const inuse = new Client({ connectionString: server.url("inuse") });
  await inuse.connect();
  await inuse.query("CREATE TABLE customers (id int)");
  await inuse.end();
  // No table at all: a schema with an enum and a function, a domain in public.
  const typed = new Client({ connectionString: server.url("typed") });
  await typed.connect();
  await typed.query("CREATE SCHEMA billing; CREATE TYPE billing.plan AS ENUM ('free'); CREATE FUNCTION billing.f() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE DOMAIN email AS text");
  await typed.end();
});
after(() => server.stop());

const verify = (args: string[]) => spawnSync(process.execPath, [CLI, "verify", ...args], { encoding: "utf8" });

test("the migrations run on the named PostgreSQL server and its catalog equals the replay", () => {
  const run = verify(["test/fixtures/schema-ddl/prisma-renames/prisma", "--database-url", server.url("throwaway")]);
  assert.equal(run.status, 0, run.stderr + run.stdout);
  assert.match(run.stdout, new RegExp(`3 of 3 revision\\(s\\) ran on PostgreSQL at 127\\.0\\.0\\.1:${server.port}/throwaway; 0 rejected, 0 mismatch\\(es\\)`));
  // What the migrations created is dropped again: the database is left empty for the next run.
  const again = verify(["test/fixtures/verify/alembic", "--roundtrip", "--database-url", server.url("throwaway")]);
  assert.equal(again.status, 1, again.stderr);
  assert.match(again.stdout, /downgrade-mismatch The downgrade leaves column public\.accounts\.note \(text\)/);
  // Extensions' types named by their schema, an enum in a quoted schema, pg_dump's empty search path.
  const extensions = verify(["test/fixtures/verify/set-aside/migrations", "--database-url", server.url("throwaway")]);
  assert.equal(extensions.status, 0, extensions.stderr + extensions.stdout);
  assert.match(extensions.stdout, /3 of 3 revision\(s\) ran on PostgreSQL at .*; 0 rejected, 0 mismatch\(es\)/);
});

test("a database that already holds tables is refused, and left as it was", async () => {
  const run = verify(["test/fixtures/schema-ddl/prisma-renames/prisma", "--database-url", server.url("inuse")]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /is not empty \(1 schemas, relations, types, functions or extensions\): verify drops what the migrations create, so it needs a throwaway database/);
  const inuse = new Client({ connectionString: server.url("inuse") });
  await inuse.connect();
  const { rows } = await inuse.query("SELECT count(*)::int AS n FROM customers");
  await inuse.end();
  assert.deepEqual(rows, [{ n: 0 }]);
  // Types, functions and schemas count too: nothing is dropped from such a database.
  const typed = verify(["test/fixtures/schema-ddl/prisma-renames/prisma", "--database-url", server.url("typed")]);
  assert.equal(typed.status, 2, typed.stdout);
  const check = new Client({ connectionString: server.url("typed") });
  await check.connect();
  const left = await check.query("SELECT billing.f() AS one, 'free'::billing.plan AS plan, 'a@b'::email AS email");
  await check.end();
  assert.deepEqual(left.rows, [{ one: 1, plan: "free", email: "a@b" }]);
});
