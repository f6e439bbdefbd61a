import { test } from "node:test";
import * as assert from "node:assert/strict";
import { fakeSql, py, read, slice, upgradeOps } from "./support";

function sqlOf(body: string): { texts: string[]; text: string; ops: ReturnType<typeof read> } {
  const text = `from alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy import text\nQUERY = "UPDATE q SET a = 1"\n\ndef upgrade():\n${body.replace(/^\n/, "").replace(/^(?=.)/gm, "    ")}\n`;
  const fake = fakeSql();
  const ops = read(text, { sql: fake.sql, dialect: "mysql" });
  return { texts: fake.calls.map((c) => c.text), text, ops };
}

test("literal SQL in every form reaches the SQL reader, with the dialect", () => {
  const { texts } = sqlOf(`
op.execute("UPDATE a SET x = 1")
op.execute(sa.text("UPDATE b SET x = 1"))
op.execute(text("UPDATE c SET x = :v").bindparams(v=1))
conn = op.get_bind()
conn.execute(sa.text("UPDATE d SET x = 1"))
op.get_bind().execute(sa.text("""
    UPDATE e SET x = 1
"""))
op.execute("UPDATE f " "SET x = 1")
op.execute("UPDATE g " + "SET x = 1")
op.execute(QUERY)
sql = "UPDATE h SET x = 1"
op.execute(sql)
op.get_bind().exec_driver_sql("UPDATE i SET x = 1")
op.get_context().connection.execute(sa.text("UPDATE j SET x = 1"))
session = sa.orm.Session(bind=op.get_bind())
session.execute(sa.text("UPDATE k SET x = 1"))
op.execute(sa.DDL("UPDATE l SET x = 1"))
`);
  assert.deepEqual(texts, [
    "UPDATE a SET x = 1", "UPDATE b SET x = 1", "UPDATE c SET x = :v", "UPDATE d SET x = 1", "\n        UPDATE e SET x = 1\n    ", "UPDATE f SET x = 1",
    "UPDATE g SET x = 1", "UPDATE q SET a = 1", "UPDATE h SET x = 1", "UPDATE i SET x = 1", "UPDATE j SET x = 1", "UPDATE k SET x = 1", "UPDATE l SET x = 1",
  ]);
});

test("a single literal maps SQL offsets exactly, escapes and triple quotes included; the dialect is passed", () => {
  const text = py`
    def upgrade():
        op.execute("UPDATE a SET note = 'it\\'s'; BROKEN")
        op.execute("""
            UPDATE b SET x = 1;
            BROKEN
        """)
  `;
  const fake = fakeSql();
  const { upgrade } = read(text, { sql: fake.sql });
  assert.deepEqual(fake.calls.map((c) => c.dialect), ["postgresql", "postgresql"]);
  assert.deepEqual(upgrade.operations.map((o) => slice(text, o.range)), ["UPDATE a SET note = 'it\\'s'", "UPDATE b SET x = 1"]);
  assert.deepEqual(upgrade.problems.map((p) => [slice(text, p.range), p.range.start.line]), [["BROKEN", 1], ["BROKEN", 4]]);
});

test("a name bound to a single literal maps to that literal; adjacent literals map part by part", () => {
  const { text, ops } = sqlOf(`
op.execute(QUERY)
op.execute("UPDATE f SET x = 1;" "BROKEN")
`);
  assert.equal(slice(text, ops.upgrade.operations[0]!.range), "UPDATE q SET a = 1");
  assert.equal(slice(text, ops.upgrade.operations[1]!.range), "UPDATE f SET x = 1");
  assert.equal(slice(text, ops.upgrade.problems[0]!.range), "BROKEN");
});

test("SQL built at run time is unknown, never guessed", () => {
  const { texts, ops, text } = sqlOf(`
op.execute(f"DROP TABLE {name}")
op.execute("DROP TABLE %s" % name)
op.execute("DROP TABLE {}".format(name))
op.execute(statement)
op.execute("DROP TABLE " + name)
op.get_bind().execute(sa.text(f"ALTER TABLE {t} ADD COLUMN x int"))
op.execute(build_sql())
op.execute(";".join(statements))
op.execute(sa.schema.CreateSequence(sa.Sequence("s")))
`);
  assert.deepEqual(texts, []);
  assert.deepEqual(
    ops.upgrade.operations.map((o) => (o.kind === "unknown" ? o.reason : o.kind)),
    [
      "SQL built at run time (f-string) is not read",
      "SQL built at run time (% formatting) is not read",
      "SQL built at run time (.format()) is not read",
      "SQL built at run time (a variable) is not read",
      "SQL built at run time (an expression) is not read",
      "SQL built at run time (f-string) is not read",
      "SQL built at run time (a function call) is not read",
      "SQL built at run time (str.join()) is not read",
      "SQL built at run time (a SQLAlchemy CreateSequence construct) is not read",
    ],
  );
  assert.equal(slice(text, ops.upgrade.operations[0]!.range), 'op.execute(f"DROP TABLE {name}")');
});

test("SQLAlchemy data statements are data changes on their table; a SELECT through a connection is nothing", () => {
  assert.deepEqual(
    upgradeOps(py`
      from alembic import op
      import sqlalchemy as sa
      users = sa.table("users", sa.column("id"), sa.column("active"))

      def upgrade():
          op.execute(users.update().where(users.c.id == 1).values(active=True))
          op.execute(sa.insert(users).values(id=1))
          op.execute(users.delete())
          conn = op.get_bind()
          conn.execute(sa.update(users).values(active=False))
          rows = conn.execute(sa.select(users.c.id)).fetchall()
    `),
    [
      { kind: "data_change", statement: "update", table: { name: "users" } },
      { kind: "data_change", statement: "insert", table: { name: "users" } },
      { kind: "data_change", statement: "delete", table: { name: "users" } },
      { kind: "data_change", statement: "update", table: { name: "users" } },
    ],
  );
});

test("operations from SQL inside a guard or an autocommit block carry the flags", () => {
  const text = py`
    def upgrade():
        if not inspector.has_table("t"):
            op.execute("UPDATE t SET x = 1")
        with op.get_context().autocommit_block():
            op.execute("CREATE INDEX CONCURRENTLY ix ON t")
  `;
  assert.deepEqual(upgradeOps(text), [
    { kind: "data_change", statement: "update", guarded: true },
    { kind: "create_index", table: { name: "t" }, columns: [], unique: false, concurrently: true, autocommit: true },
  ]);
});
