import { test } from "node:test";
import * as assert from "node:assert/strict";
import type { Range } from "../../../server/src/core/model/positions";
import { sqlToOperations } from "../../../server/src/core/sql/sqlToOperations";
import { LineIndex } from "../../../server/src/core/text/lineIndex";
import { readSql } from "./readSql";

test("CREATE TABLE: column types, nullability, defaults, keys, references, identity and serial, named table constraints", () => {
  const sql = `CREATE TABLE IF NOT EXISTS public."User" (
    "id" SERIAL NOT NULL,
    email VARCHAR ( 255 ) NOT NULL UNIQUE,
    "name" TEXT DEFAULT 'anon',
    "role" "Role" NOT NULL DEFAULT 'USER'::"Role",
    "tags" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    org_id INTEGER REFERENCES orgs(id) ON DELETE CASCADE,
    n BIGINT GENERATED ALWAYS AS IDENTITY,
    price NUMERIC(10, 2) NULL CHECK (price > 0),
    ts timestamp with time zone,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id"),
    CONSTRAINT user_org_fk FOREIGN KEY (org_id) REFERENCES public.orgs (id),
    UNIQUE (email, org_id),
    CHECK (n > 0)
)`;
  assert.deepEqual(readSql(sql), {
    operations: [
      {
        kind: "create_table",
        table: { schema: "public", name: "User" },
        columns: [
          { name: "id", type: "serial", nullable: false, generated: true },
          { name: "email", type: "varchar(255)", nullable: false, unique: true },
          { name: "name", type: "text", nullable: true, default: "'anon'" },
          { name: "role", type: `"Role"`, nullable: false, default: `'USER'::"Role"` },
          { name: "tags", type: "text[]", nullable: true },
          { name: "createdAt", type: "timestamp(3)", nullable: false, default: "CURRENT_TIMESTAMP" },
          { name: "org_id", type: "integer", nullable: true, references: { table: { name: "orgs" }, columns: ["id"], clauses: "ON DELETE CASCADE" } },
          { name: "n", type: "bigint", nullable: false, generated: true, generatedAs: "GENERATED ALWAYS AS IDENTITY", identity: true },
          { name: "price", type: "numeric(10,2)", nullable: true },
          { name: "ts", type: "timestamp with time zone", nullable: true },
        ],
        constraints: [
          { kind: "check", columns: ["price"], expression: "price > 0" },
          { kind: "primary_key", name: "User_pkey", columns: ["id"] },
          { kind: "foreign_key", name: "user_org_fk", columns: ["org_id"], references: { table: { schema: "public", name: "orgs" }, columns: ["id"] } },
          { kind: "unique", columns: ["email", "org_id"] },
          { kind: "check", columns: ["n"], expression: "n > 0" },
        ],
        guarded: true,
        range: sql,
        nameRange: 'public."User"',
      },
    ],
    problems: [],
  });
});

test("a table primary key makes its columns not null; CREATE TABLE AS / LIKE / PARTITION OF have columns not listed (a partition names its parent and bound); temporary tables are marked", () => {
  const { operations } = readSql(`
    CREATE TABLE a (id int, v text, PRIMARY KEY (id));
    CREATE TABLE b AS SELECT * FROM a;
    CREATE TABLE c (LIKE a INCLUDING ALL, extra int);
    CREATE TABLE d PARTITION OF a FOR VALUES FROM (1) TO (10);
    CREATE TEMP TABLE scratch (x int);`);
  assert.deepEqual(
    operations.map(({ range: _r, ...op }) => op),
    [
      { kind: "create_table", table: { name: "a" }, columns: [{ name: "id", type: "int", nullable: false }, { name: "v", type: "text", nullable: true }], constraints: [{ kind: "primary_key", columns: ["id"] }], nameRange: "a" },
      { kind: "create_table", table: { name: "b" }, columns: [], constraints: [], columnsIncomplete: true, nameRange: "b" },
      { kind: "create_table", table: { name: "c" }, columns: [{ name: "extra", type: "int", nullable: true }], constraints: [], columnsIncomplete: true, nameRange: "c" },
      { kind: "create_table", table: { name: "d" }, columns: [], constraints: [], columnsIncomplete: true, partitionOf: { parent: { name: "a" }, bound: "FOR VALUES FROM (1) TO (10)" }, nameRange: "d" },
      { kind: "create_table", table: { name: "scratch" }, columns: [{ name: "x", type: "int", nullable: true }], constraints: [], nameRange: "scratch", temporary: true },
    ],
  );
});

test("DROP TABLE: one operation per table, IF EXISTS guards, CASCADE is kept", () => {
  const sql = "DROP TABLE IF EXISTS a, s.b CASCADE";
  assert.deepEqual(readSql(sql).operations, [
    { kind: "drop_table", table: { name: "a" }, cascade: true, guarded: true, range: sql, nameRange: "a" },
    { kind: "drop_table", table: { schema: "s", name: "b" }, cascade: true, guarded: true, range: sql, nameRange: "s.b" },
  ]);
});

test("ALTER TABLE with several actions gives one operation per action, in order", () => {
  const sql = `ALTER TABLE "Post"
    ADD COLUMN IF NOT EXISTS "slug" TEXT NOT NULL DEFAULT '',
    DROP COLUMN IF EXISTS legacy,
    RENAME COLUMN "title" TO "headline",
    ALTER COLUMN views TYPE BIGINT USING views::bigint,
    ALTER COLUMN "slug" SET NOT NULL,
    ALTER "body" DROP NOT NULL,
    ALTER COLUMN status SET DEFAULT 'draft',
    ALTER COLUMN status DROP DEFAULT,
    ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID,
    VALIDATE CONSTRAINT "Post_authorId_fkey",
    DROP CONSTRAINT IF EXISTS "Post_old_key",
    OWNER TO app`;
  const table = { name: "Post" };
  const where = { range: sql, nameRange: '"Post"' };
  assert.deepEqual(readSql(sql).operations, [
    { kind: "add_column", table, column: { name: "slug", type: "text", nullable: false, default: "''" }, objectGuarded: true, ...where },
    { kind: "drop_column", table, column: "legacy", objectGuarded: true, ...where },
    { kind: "alter_column", table, column: "title", newName: "headline", ...where },
    { kind: "alter_column", table, column: "views", type: "bigint", using: "views::bigint", ...where },
    { kind: "alter_column", table, column: "slug", nullable: false, ...where },
    { kind: "alter_column", table, column: "body", nullable: true, ...where },
    { kind: "alter_column", table, column: "status", default: "'draft'", ...where },
    { kind: "alter_column", table, column: "status", default: null, ...where },
    {
      kind: "add_constraint",
      table,
      constraint: { kind: "foreign_key", name: "Post_authorId_fkey", columns: ["authorId"], references: { table: { name: "User" }, columns: ["id"], clauses: "ON DELETE RESTRICT ON UPDATE CASCADE" } },
      notValid: true,
      ...where,
    },
    { kind: "validate_constraint", table, name: "Post_authorId_fkey", ...where },
    { kind: "drop_constraint", table, name: "Post_old_key", objectGuarded: true, ...where },
  ]);
});

test("each ADD COLUMN knows where its own definition and NOT NULL stand, for fixes that edit that column", () => {
  const sql = `ALTER TABLE t ADD COLUMN a int CONSTRAINT a_nn NOT NULL, ADD COLUMN b text NOT NULL DEFAULT '', ADD COLUMN c text NOT NULL NULL`;
  const lines = new LineIndex(sql);
  const text = (range: Range | undefined): string | undefined => range && sql.slice(lines.offset(range.start), lines.offset(range.end));
  const { operations } = sqlToOperations(sql, { dialect: "postgresql", at: (from, to) => lines.range(from, to) });
  assert.deepEqual(
    operations.map((op) => (op.kind === "add_column" ? [text(op.definition?.range), text(op.definition?.notNull)] : op.kind)),
    [
      ["a int CONSTRAINT a_nn NOT NULL", "CONSTRAINT a_nn NOT NULL"],
      ["b text NOT NULL DEFAULT ''", "NOT NULL"],
      // A later NULL wins: nothing to take out.
      ["c text NOT NULL NULL", undefined],
    ],
  );
});

test("ALTER TABLE … RENAME TO, ADD PRIMARY KEY, a CHECK … NOT VALID, and IF EXISTS on the table guarding its actions", () => {
  const sql = "ALTER TABLE IF EXISTS ONLY public.t RENAME TO u; ALTER TABLE t ADD PRIMARY KEY (id); ALTER TABLE t ADD CONSTRAINT pos CHECK (n > 0) NOT VALID";
  assert.deepEqual(readSql(sql).operations, [
    { kind: "rename_table", table: { schema: "public", name: "t" }, newName: "u", tableGuarded: true, range: "ALTER TABLE IF EXISTS ONLY public.t RENAME TO u", nameRange: "public.t" },
    { kind: "add_constraint", table: { name: "t" }, constraint: { kind: "primary_key", columns: ["id"] }, notValid: false, range: "ALTER TABLE t ADD PRIMARY KEY (id)", nameRange: "t" },
    { kind: "add_constraint", table: { name: "t" }, constraint: { kind: "check", name: "pos", columns: ["n"], expression: "n > 0" }, notValid: true, range: "ALTER TABLE t ADD CONSTRAINT pos CHECK (n > 0) NOT VALID", nameRange: "t" },
  ]);
});

test("CREATE INDEX: unique, concurrently, if not exists, partial and expression indexes; the index name is the name range", () => {
  const a = `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "User_email_key" ON "User" USING btree ("email" DESC) WHERE deleted_at IS NULL`;
  const b = "CREATE INDEX ON ONLY events (lower(kind), created_at)";
  assert.deepEqual(readSql(`${a};\n${b};`).operations, [
    { kind: "create_index", name: "User_email_key", table: { name: "User" }, columns: ["email"], unique: true, concurrently: true, detail: "WHERE deleted_at IS NULL", objectGuarded: true, range: a, nameRange: '"User_email_key"' },
    { kind: "create_index", table: { name: "events" }, columns: ["created_at"], unique: false, concurrently: false, detail: "lower(kind)", range: b, nameRange: "events" },
  ]);
});

test("DROP INDEX: concurrently, if exists, schema-qualified, several names", () => {
  const sql = "DROP INDEX CONCURRENTLY IF EXISTS app.idx_a, idx_b";
  assert.deepEqual(readSql(sql).operations, [
    { kind: "drop_index", name: "idx_a", schema: "app", concurrently: true, guarded: true, range: sql, nameRange: "app.idx_a" },
    { kind: "drop_index", name: "idx_b", concurrently: true, guarded: true, range: sql, nameRange: "idx_b" },
  ]);
});

test("enum types: CREATE TYPE … AS ENUM, ALTER TYPE … ADD VALUE [IF NOT EXISTS], RENAME TO, DROP TYPE; other type changes are unknown", () => {
  const { operations } = readSql(`
    CREATE TYPE "Status" AS ENUM ('draft', 'it''s live');
    ALTER TYPE "Status" ADD VALUE IF NOT EXISTS 'archived' AFTER 'draft';
    ALTER TYPE "Status" RENAME TO "Status_old";
    DROP TYPE IF EXISTS "Status_old", mood;
    CREATE TYPE pair AS (a int, b int);`);
  assert.deepEqual(
    operations.map(({ range: _r, ...op }) => op),
    [
      { kind: "create_enum", type: { name: "Status" }, values: ["draft", "it's live"], nameRange: '"Status"' },
      { kind: "add_enum_value", type: { name: "Status" }, value: "archived", after: "draft", guarded: true, nameRange: '"Status"' },
      { kind: "rename_type", type: { name: "Status" }, newName: "Status_old", nameRange: '"Status"' },
      { kind: "drop_type", type: { name: "Status_old" }, guarded: true, nameRange: '"Status_old"' },
      { kind: "drop_type", type: { name: "mood" }, guarded: true, nameRange: "mood" },
      { kind: "unknown", reason: "CREATE TYPE other than AS ENUM is not modelled", nameRange: "pair" },
    ],
  );
});

test("views and materialized views", () => {
  const { operations } = readSql(`
    CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE active;
    CREATE MATERIALIZED VIEW IF NOT EXISTS stats AS SELECT count(*) FROM users WITH NO DATA;
    DROP MATERIALIZED VIEW stats;
    DROP VIEW IF EXISTS a, b CASCADE;
    REFRESH MATERIALIZED VIEW stats;`);
  assert.deepEqual(
    operations.map(({ range: _r, nameRange: _n, ...op }) => op),
    [
      { kind: "create_view", view: { name: "active_users" }, orReplace: true },
      { kind: "create_view", view: { name: "stats" }, orReplace: false, guarded: true },
      { kind: "drop_view", view: { name: "stats" } },
      { kind: "drop_view", view: { name: "a" }, guarded: true },
      { kind: "drop_view", view: { name: "b" }, guarded: true },
    ],
  );
});

test("INSERT / UPDATE / DELETE / TRUNCATE are data changes on their table", () => {
  const sql = `INSERT INTO app.settings (k, v) VALUES ('a', 'b') ON CONFLICT DO NOTHING;
UPDATE "User" AS u SET role = 'ADMIN'::"Role" WHERE u.id = 1;
WITH old AS (SELECT id FROM logs) DELETE FROM ONLY logs USING old WHERE logs.id = old.id;
TRUNCATE TABLE a, b;`;
  assert.deepEqual(
    readSql(sql).operations.map(({ range: _r, ...op }) => op),
    [
      { kind: "data_change", statement: "insert", table: { schema: "app", name: "settings" }, nameRange: "app.settings" },
      { kind: "data_change", statement: "update", table: { name: "User" }, nameRange: '"User"' },
      { kind: "data_change", statement: "delete", table: { name: "logs" }, nameRange: "logs" },
      { kind: "data_change", statement: "delete", table: { name: "a" }, nameRange: "a" },
      { kind: "data_change", statement: "delete", table: { name: "b" }, nameRange: "b" },
    ],
  );
});

test("harmless statements give nothing; functions and sequences are read; schema changes that are not modelled give unknown with a reason", () => {
  const sql = `BEGIN;
SET statement_timeout = 0;
SET LOCAL lock_timeout = '5s';
SELECT pg_catalog.set_config('search_path', '', false);
COMMENT ON COLUMN users.email IS 'login';
GRANT SELECT ON users TO readonly;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
CREATE SEQUENCE users_id_seq;
DO $$ BEGIN CREATE TYPE "Kind" AS ENUM ('a'); EXCEPTION WHEN duplicate_object THEN null; END $$;
DO $$ BEGIN EXECUTE 'CREATE TABLE ' || quote_ident('t' || 1) || ' (id int)'; END $$;
DO LANGUAGE plpython3u $$ plpy.execute("CREATE TABLE t (id int)") $$;
COMMIT;`;
  assert.deepEqual(
    readSql(sql).operations.map((op) => (op.kind === "unknown" ? op.reason : op.kind)),
    [
      // A SELECT's calls are kept: the replay decides whether one is the migrations' own function.
      "call",
      "CREATE EXTENSION is not modelled: an extension can add types, functions and tables",
      "create_function",
      "CREATE TRIGGER is not modelled",
      "create_sequence",
      // A DO block's plain DDL is read (guarded by its EXCEPTION handler); a built string or another language is not.
      "create_enum",
      "EXECUTE of a string built at run time is not read",
      "DO is not modelled: the code it runs is not read",
    ],
  );
});

test("DO blocks: plain DDL is read where it is written; under IF it may not run; loops and EXECUTE of built strings are unknown", () => {
  const sql = `DO $$
DECLARE r record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
    CREATE TYPE mood AS ENUM ('sad', 'ok');
  ELSE
    ALTER TYPE mood ADD VALUE 'happy';
  END IF;
  FOR r IN SELECT tablename FROM pg_tables LOOP
    EXECUTE 'DROP TABLE ' || r.tablename;
  END LOOP;
  CREATE TABLE plain (id int);
  RAISE NOTICE 'done';
END
$$ LANGUAGE plpgsql;`;
  const lines = new LineIndex(sql);
  const { operations } = sqlToOperations(sql, { dialect: "postgresql", at: (from, to): Range => lines.range(from, to) });
  const described = operations.map((op) => `${op.range.start.line}:${op.range.start.character} ${op.kind === "unknown" ? op.reason : op.kind}${op.conditional ? " (conditional)" : ""}`);
  assert.deepEqual(described, ["4:4 create_enum (conditional)", "6:4 add_enum_value (conditional)", "8:2 statements in a PL/pgSQL loop are not read", "11:2 create_table"]);
});

test("DO blocks: IF NOT EXISTS is no IF statement, RAISE EXCEPTION no handler, labels are skipped, a RETURN under IF makes what follows conditional, other SQL (CALL) is read as anywhere", () => {
  const read = (sql: string): string[] =>
    sqlToOperations(sql, { dialect: "postgresql", at: (from, to): Range => new LineIndex(sql).range(from, to) }).operations.map(
      (op) => `${op.kind === "unknown" ? op.reason : op.kind}${op.guarded ? " guarded" : ""}${op.conditional ? " conditional" : ""}`,
    );
  assert.deepEqual(read(`DO $$ BEGIN CREATE INDEX IF NOT EXISTS b_x ON b (x); ALTER TABLE b ADD COLUMN x int; EXCEPTION WHEN duplicate_column THEN NULL; END $$;`), ["create_index guarded", "add_column guarded"]);
  assert.deepEqual(read(`DO $$ BEGIN CREATE TABLE t (id int); RAISE EXCEPTION 'stop'; END $$;`), ["create_table"]);
  assert.deepEqual(read(`DO $$ BEGIN <<inner>> BEGIN ALTER TABLE t ADD COLUMN z int; END inner; ALTER TABLE t ADD COLUMN c int; END $$;`), ["add_column", "add_column"]);
  assert.deepEqual(read(`DO $$ BEGIN IF (SELECT count(*) FROM t) > 0 THEN RETURN; END IF; CREATE TABLE t2 (id int); END $$;`), ["create_table guarded conditional"]);
  assert.deepEqual(read(`DO $$ BEGIN CALL addc(); x := 1; PERFORM pg_sleep(0); END $$;`), ["CALL is not modelled: the code it runs is not read"]);
});
