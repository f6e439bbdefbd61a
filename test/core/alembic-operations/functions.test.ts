import { test } from "node:test";
import * as assert from "node:assert/strict";
import { range } from "../../../server/src/core/model/positions";
import { py, read, slice, upgradeOps } from "./support";

test("blocks: present with the def line, empty for pass or a docstring, absent without a def", () => {
  const { upgrade, downgrade } = read(py`
    """Add things.

    Revision ID: a1
    """
    from alembic import op

    def upgrade(op, tables, tester) -> None:
        """Nothing to do."""
        # just a comment

    def downgrade():
        pass
  `);
  assert.deepEqual(upgrade, { present: true, operations: [], problems: [], range: range(6, 0, 6, 40) });
  assert.deepEqual(downgrade, { present: true, operations: [], problems: [], range: range(10, 0, 10, 16) });
  assert.deepEqual(read("revision = 'a'\n").upgrade, { present: false, operations: [], problems: [] });
});

test("downgrade is read like upgrade, and the last definition wins", () => {
  const { upgrade, downgrade } = read(py`
    def upgrade():
        op.add_column("t", sa.Column("x", sa.Integer))

    def downgrade():
        op.drop_table("ignored")

    if True:
        def downgrade():
            op.drop_column("t", "x")
  `);
  assert.equal(upgrade.operations[0]?.kind, "add_column");
  assert.deepEqual(downgrade.operations.map((o) => o.kind), ["drop_column"]);
});

test("op imported under another name, as a module, or passed as a parameter", () => {
  const expected = [{ kind: "drop_table", table: { name: "t" } }];
  assert.deepEqual(upgradeOps("from alembic import op as alembic_op\ndef upgrade():\n    alembic_op.drop_table('t')\n"), expected);
  assert.deepEqual(upgradeOps("import alembic.op as op\ndef upgrade():\n    op.drop_table('t')\n"), expected);
  assert.deepEqual(upgradeOps("import alembic\ndef upgrade():\n    alembic.op.drop_table('t')\n"), expected);
  assert.deepEqual(upgradeOps("from alembic.op import drop_table\ndef upgrade():\n    drop_table('t')\n"), expected);
  assert.deepEqual(upgradeOps("def upgrade(op):\n    op.drop_table('t')\n"), expected);
  assert.deepEqual(upgradeOps("from alembic import op\ndef upgrade():\n    o = op\n    o.drop_table('t')\n"), expected);
  // A local `op` that is something else is not Alembic's.
  assert.deepEqual(upgradeOps("def upgrade():\n    for op in ops:\n        op.drop_table('t')\n"), []);
});

test("module helpers called from upgrade are read once per call, with literal and expression arguments", () => {
  const text = py`
    from alembic import op
    import sqlalchemy as sa

    def _add_columns(table, columns, *, nullable=True):
        existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}
        for column in columns:
            if column.name not in existing:
                op.add_column(table, column)

    def _create_audit():
        op.create_table("audit", sa.Column("id", sa.Integer, primary_key=True))

    def _tenant_fk(table):
        return sa.ForeignKeyConstraint(["tenant_id"], ["tenant.id"], name=op.f(f"fk_{table}_tenant_id"))

    def upgrade():
        _create_audit()
        _add_columns("documents", [
            sa.Column("parse_stats", sa.JSON(), nullable=False, server_default=sa.text("'{}'")),
        ])
        for t in ("a", "b"):
            _add_columns(t, [sa.Column("x", sa.Integer)])
        op.create_table("rules", sa.Column("tenant_id", sa.Integer), _tenant_fk("rules"))
  `;
  const ops = read(text).upgrade.operations;
  assert.deepEqual(
    ops.map((o) => (o.kind === "add_column" ? `${o.table.name}.${o.column.name}${o.guarded ? "?" : ""}` : o.kind === "create_table" ? `create ${o.table.name}` : o.kind)),
    ["create audit", "documents.parse_stats?", "a.x?", "b.x?", "create rules"],
  );
  // The table name is pointed at where the caller wrote it; the range is the op call in the helper.
  assert.equal(slice(text, ops[1]!.nameRange!), "documents");
  assert.equal(slice(text, ops[2]!.nameRange!), "a");
  assert.equal(slice(text, ops[1]!.range), "op.add_column(table, column)");
  const rules = ops[4];
  assert.deepEqual(rules?.kind === "create_table" && rules.constraints, [
    { kind: "foreign_key", name: "fk_rules_tenant_id", columns: ["tenant_id"], references: { table: { name: "tenant" }, columns: ["id"] } },
  ]);
});

test("helpers are followed three calls deep; a deeper one with operations is one unknown operation that says which tables it touches", () => {
  const text = py`
    def _inner():
        op.drop_table("deep")

    def _quiet():
        return 1

    def _third():
        op.drop_table("third")
        _inner()
        _quiet()

    def _second():
        _third()

    def _outer():
        op.drop_table("outer")
        _second()

    def upgrade():
        _outer()
  `;
  const ops = read(text).upgrade.operations;
  assert.deepEqual(ops.map((o) => (o.kind === "unknown" ? o.reason : o.kind)), ["drop_table", "drop_table", "the operations of _inner(), a helper called more than 3 calls deep, are not read"]);
  assert.equal(slice(text, ops[2]!.range), "_inner()");
  assert.deepEqual(ops[2]?.kind === "unknown" ? ops[2].tables : undefined, [{ name: { prefix: "deep", suffix: "", exact: true }, may: "be-gone" }]);
});

test("local functions, recursion and loops over module lists, dicts and reversed()", () => {
  assert.deepEqual(
    upgradeOps(py`
      TABLES = ["a", "b"]
      RENAMES = {"old": "new"}

      def upgrade():
          def drop(name):
              op.drop_table(name)
              upgrade()
          for t in reversed(TABLES):
              drop(t)
          for old, new in RENAMES.items():
              op.rename_table(old, new)
          for t in get_tables():
              op.drop_table(t)
    `),
    [
      { kind: "drop_table", table: { name: "b" } },
      { kind: "drop_table", table: { name: "a" } },
      { kind: "rename_table", table: { name: "old" }, newName: "new" },
      // A loop over run-time data may run no time at all.
      { kind: "unknown", reason: "op.drop_table() with a table name built at run time is not read", tables: [{ name: { prefix: "", suffix: "" }, may: "be-gone" }], guarded: true, conditional: true },
    ],
  );
});

test("Enum and Table objects created or dropped through the connection", () => {
  assert.deepEqual(
    upgradeOps(py`
      from sqlalchemy.dialects import postgresql
      mood = postgresql.ENUM("happy", "sad", name="mood", create_type=False)

      def upgrade():
          mood.create(op.get_bind(), checkfirst=False)
          sa.Enum("a", name="plain").create(op.get_bind())
          sa.Table("t", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True)).create(op.get_bind())
          postgresql.ENUM(name="old").drop(op.get_bind())
          target_metadata.create_all(op.get_bind())
    `),
    [
      { kind: "create_enum", type: { name: "mood" }, values: ["happy", "sad"] },
      { kind: "create_enum", type: { name: "plain" }, values: ["a"] },
      { kind: "create_table", table: { name: "t" }, columns: [{ name: "id", type: "integer", nullable: false, primaryKey: true, generated: true }], constraints: [] },
      { kind: "drop_type", type: { name: "old" }, guarded: true },
      { kind: "unknown", reason: "target_metadata.create_all() is not read" },
    ],
  );
});

test("the multi-database template's dispatch is reported as not read", () => {
  const ops = upgradeOps(py`
    def upgrade(engine_name: str) -> None:
        globals()["upgrade_%s" % engine_name]()

    def upgrade_engine1():
        op.drop_table("t")
  `);
  assert.deepEqual(ops, [{ kind: "unknown", reason: "the per-database functions of a multi-database migration are not read" }]);
});

test("a file with syntax errors still yields what parses", () => {
  const ops = upgradeOps("def upgrade():\n    op.drop_table('a')\n    op.add_column('b', sa.Column('x', sa.Integer)\n    op.drop_table('c')\n");
  assert.equal((ops[0] as { kind: string }).kind, "drop_table");
});

test("downgrade = <function> reads that function; a downgrade imported from elsewhere is present but not read", () => {
  const assigned = read(py`
    def _drop():
        op.drop_table("t")

    def upgrade():
        pass

    downgrade = _drop
  `);
  assert.deepEqual(assigned.downgrade.operations.map((o) => o.kind), ["drop_table"]);
  const imported = read("from .common import downgrade\n\ndef upgrade():\n    pass\n");
  assert.equal(imported.downgrade.present, true);
  assert.deepEqual(imported.downgrade.operations.map((o) => (o.kind === "unknown" ? o.reason : o.kind)), ["downgrade() is defined elsewhere and is not read"]);
});

test("a SQL reader that throws makes an unknown operation, not a failed file", () => {
  const ops = upgradeOps("def upgrade():\n    op.execute('SELECT 1')\n    op.drop_table('t')\n", {
    sql: () => {
      throw new Error("boom");
    },
  });
  assert.deepEqual(ops, [{ kind: "unknown", reason: "the SQL reader failed on this SQL" }, { kind: "drop_table", table: { name: "t" } }]);
});
