import { test } from "node:test";
import * as assert from "node:assert/strict";
import { fakeSql, py, read, upgradeOps } from "./support";

// Shapes seen in public Alembic histories (rewritten, not copied).

test("a dialect helper and a database URL prefix decide branches", () => {
  const text = py`
    def _is_sqlite():
        return op.get_bind().dialect.name == "sqlite"

    def upgrade():
        if _is_sqlite():
            op.drop_column("a", "lite")
        else:
            op.drop_column("a", "server")
        url = str(op.get_bind().engine.url)
        if url.startswith("mysql"):
            op.drop_column("b", "mysql")
        elif url.startswith("postgres"):
            op.drop_column("b", "postgres")
  `;
  const columns = (dialect: "postgresql" | "mysql" | "sqlite"): unknown => read(text, { dialect }).upgrade.operations.map((o) => (o.kind === "drop_column" ? `${o.column}${o.guarded ? "?" : ""}` : o.kind));
  assert.deepEqual(columns("postgresql"), ["server", "postgres"]);
  assert.deepEqual(columns("mysql"), ["server", "mysql"]);
  assert.deepEqual(columns("sqlite"), ["lite"]);
});

test("rows of a catalog query drive a loop: its operations are on tables named at run time", () => {
  const text = py`
    def upgrade():
        get_columns = "SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'datetime'"
        conn = op.get_bind()
        columns = conn.execute(get_columns).fetchall()
        for table_name, column_name in columns:
            op.alter_column(table_name=table_name, column_name=column_name, type_=mysql.DATETIME(fsp=6))
  `;
  const fake = fakeSql();
  const ops = read(text, { sql: fake.sql }).upgrade.operations;
  assert.equal(fake.calls.length, 1);
  assert.deepEqual(ops.map((o) => (o.kind === "unknown" ? o.reason : o.kind)), ["data_change", "op.alter_column() with a table name built at run time is not read"]);
});

test("text().params(), sessions and the migration context's connection all run their SQL", () => {
  const fake = fakeSql();
  read(
    py`
      def upgrade():
          connection = op.get_bind()
          connection.execute(sa.text("UPDATE a SET x = :v").params({"v": 1}))
          session = Session(bind=connection)
          session.execute(text("UPDATE b SET x = 1"))
          metadata = sa.MetaData(bind=connection)
          users = sa.Table("users", metadata, autoload=True)
          query = sa.select([users.c.id])
          for row in connection.execute(query):
              connection.execute(users.update().where(users.c.id == row.id).values(x=1))
    `,
    { sql: fake.sql },
  );
  assert.deepEqual(fake.calls.map((c) => c.text), ["UPDATE a SET x = :v", "UPDATE b SET x = 1"]);
});

test("autogenerate's drop_constraint(None, ...) is called out: it always fails", () => {
  assert.deepEqual(upgradeOps('def upgrade():\n    op.drop_constraint(None, "case_type", type_="foreignkey")\n'), [
    { kind: "unknown", reason: "op.drop_constraint(None, ...) fails: SQLAlchemy cannot drop a constraint without a name" },
  ]);
});

test("self-referential helpers, deep nesting and long loops stay bounded", () => {
  const started = Date.now();
  const ops = upgradeOps(py`
    def f(x):
        return f(f(x))

    def g(x):
        g(x)
        op.drop_table(x)

    ITEMS = [${Array.from({ length: 60 }, (_, i) => `"t${i}"`).join(", ")}]

    def upgrade():
        op.drop_table(f("a"))
        g("b")
        for a in ITEMS:
            for b in ITEMS:
                for c in ITEMS:
                    op.drop_column(a, b)
  `);
  assert.ok(Date.now() - started < 5000);
  assert.equal((ops[0] as { kind: string }).kind, "unknown");
  assert.deepEqual(ops[1], { kind: "drop_table", table: { name: "b" } });
  assert.equal(ops.length, 2 + 60 * 60);
});

test("op.create_table's result names the table for bulk_insert; a helper returning the columns is read", () => {
  assert.deepEqual(
    upgradeOps(py`
      def _columns():
          return [sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.Text)]

      def upgrade():
          roles = op.create_table("roles", *_columns())
          op.bulk_insert(roles, [{"id": 1, "name": "admin"}])
    `),
    [
      { kind: "create_table", table: { name: "roles" }, columns: [{ name: "id", type: "integer", nullable: false, primaryKey: true, generated: true }, { name: "name", type: "text", nullable: true }], constraints: [] },
      { kind: "data_change", statement: "insert", table: { name: "roles" } },
    ],
  );
});
