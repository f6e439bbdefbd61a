import { test } from "node:test";
import * as assert from "node:assert/strict";
import { py, read, slice, upgradeOps } from "./support";

test("batch_alter_table: every batch operation applies to the batch's table, schema included", () => {
  const text = py`
    from alembic import op
    import sqlalchemy as sa

    def upgrade():
        with op.batch_alter_table("accounts", schema="billing", recreate="always") as batch_op:
            batch_op.add_column(sa.Column("plan", sa.String(20), nullable=True), insert_after="id")
            batch_op.drop_column("legacy")
            batch_op.alter_column("plan", existing_type=sa.String(20), nullable=False)
            batch_op.create_index(batch_op.f("ix_accounts_plan"), ["plan"], unique=False)
            batch_op.drop_index("ix_old")
            batch_op.create_unique_constraint("uq_accounts_plan", ["plan"])
            batch_op.create_foreign_key("fk_accounts_org", "orgs", ["org_id"], ["id"], referent_schema="core")
            batch_op.create_check_constraint("ck_plan", "plan <> ''")
            batch_op.create_primary_key("pk_accounts", ["id"])
            batch_op.drop_constraint("uq_old", type_="unique")
  `;
  const ops = read(text).upgrade.operations;
  const table = { schema: "billing", name: "accounts" };
  assert.deepEqual(
    ops.map(({ range: _r, tableRange: _t, batch: _b, ...rest }) => rest),
    [
      { kind: "add_column", table, column: { name: "plan", type: "varchar(20)", nullable: true } },
      { kind: "drop_column", table, column: "legacy" },
      { kind: "alter_column", table, column: "plan", nullable: false, existingType: "varchar(20)" },
      { kind: "create_index", name: "ix_accounts_plan", table, columns: ["plan"], unique: false, concurrently: false, definition: { keys: ["plan"] } },
      { kind: "drop_index", name: "ix_old", table, schema: "billing", concurrently: false },
      { kind: "add_constraint", table, constraint: { kind: "unique", name: "uq_accounts_plan", columns: ["plan"] }, notValid: false },
      { kind: "add_constraint", table, constraint: { kind: "foreign_key", name: "fk_accounts_org", columns: ["org_id"], references: { table: { schema: "core", name: "orgs" }, columns: ["id"] } }, notValid: false },
      { kind: "add_constraint", table, constraint: { kind: "check", name: "ck_plan", columns: [], expression: "plan <> ''" }, notValid: false },
      { kind: "add_constraint", table, constraint: { kind: "primary_key", name: "pk_accounts", columns: ["id"] }, notValid: false },
      { kind: "drop_constraint", table, name: "uq_old" },
    ],
  );
  // Each operation knows the batch's table name, and its range is its own call (where findings go).
  for (const op of ops) {
    assert.equal(slice(text, op.tableRange!), "accounts");
    assert.equal(op.batch, true);
    assert.equal(op.nameRange, undefined);
  }
  assert.equal(slice(text, ops[1]!.range), 'batch_op.drop_column("legacy")');
});

test("a batch of a table named at run time makes its operations unknown (conditional: the loop may not run)", () => {
  const text = py`
    def upgrade():
        for name in tables():
            with op.batch_alter_table(name) as batch:
                batch.drop_column("x")
  `;
  assert.deepEqual(upgradeOps(text), [{ kind: "unknown", reason: "batch_op.drop_column() with a table name built at run time is not read", guarded: true, conditional: true }]);
});

test("existence checks guard what they enclose, with the inspector obtained any way", () => {
  const text = py`
    from alembic import op
    import sqlalchemy as sa
    from sqlalchemy import inspect

    def upgrade():
        conn = op.get_bind()
        inspector = sa.inspect(conn)
        if not inspector.has_table("a"):
            op.create_table("a", sa.Column("id", sa.Integer, primary_key=True))
        if "b" not in inspector.get_table_names():
            op.create_table("b", sa.Column("id", sa.Integer, primary_key=True))
        if inspect(op.get_bind()).has_table("c"):
            op.drop_table("c")
        if "x" not in [c["name"] for c in inspector.get_columns("d")]:
            op.add_column("d", sa.Column("x", sa.Integer))
        if not has_column("e", "x"):
            op.add_column("e", sa.Column("x", sa.Integer))
        existing = {ix["name"] for ix in inspector.get_indexes("f")}
        if "ix_f" not in existing:
            op.create_index("ix_f", "f", ["x"])
        for fk in inspector.get_foreign_keys("g"):
            if fk["name"] == "fk_g":
                op.drop_constraint("fk_g", "g")
        if _table_exists("h"):
            op.drop_table("h")
        op.drop_table("unguarded")
  `;
  const ops = read(text).upgrade.operations;
  assert.deepEqual(ops.map((o) => [o.kind, o.guarded === true]), [
    ["create_table", true], ["create_table", true], ["drop_table", true], ["add_column", true], ["add_column", true],
    ["create_index", true], ["drop_constraint", true], ["drop_table", true], ["drop_table", false],
  ]);
});

test("a module helper that asks the inspector is a guard; a SQL query on the catalog is a guard", () => {
  const text = py`
    from alembic import op
    import sqlalchemy as sa

    def column_names(table):
        return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}

    def upgrade():
        if "x" not in column_names("t"):
            op.add_column("t", sa.Column("x", sa.Integer))
        row = op.get_bind().execute(sa.text("SELECT 1 FROM information_schema.tables WHERE table_name = 'u'")).first()
        if row is None:
            op.create_table("u", sa.Column("id", sa.Integer, primary_key=True))
  `;
  assert.deepEqual(read(text).upgrade.operations.filter((o) => o.kind !== "data_change").map((o) => [o.kind, o.guarded]), [["add_column", true], ["create_table", true]]);
});

test("an existence check that returns early guards the rest of the function; a continue the rest of the loop; an unknown test's return makes the rest conditional", () => {
  const text = py`
    def upgrade():
        bind = op.get_bind()
        inspector = sa.inspect(bind)
        for table in ("a", "b"):
            if "x" in {c["name"] for c in inspector.get_columns(table)}:
                continue
            op.add_column(table, sa.Column("x", sa.Integer))
        op.drop_table("before")
        if inspector.has_table("project_comments"):
            return
        op.create_table("project_comments", sa.Column("id", sa.Integer, primary_key=True))

    def downgrade():
        if context.is_offline_mode():
            return
        op.drop_table("project_comments")
  `;
  const { upgrade, downgrade } = read(text);
  assert.deepEqual(upgrade.operations.map((o) => [o.kind, "table" in o ? o.table?.name : "", o.guarded === true]), [
    ["add_column", "a", true], ["add_column", "b", true], ["drop_table", "before", false], ["create_table", "project_comments", true],
  ]);
  assert.equal(upgrade.operations.some((o) => o.conditional), false);
  // The replay is an online run: an early return in offline mode does not make the drop conditional.
  assert.deepEqual([downgrade.operations[0]?.guarded, downgrade.operations[0]?.conditional], [undefined, undefined]);
});

test("try blocks guard their body and handlers, not finally; else branches of a guard are guarded", () => {
  const text = py`
    def upgrade():
        try:
            op.create_index("ix_a", "a", ["x"])
        except sa.exc.ProgrammingError:
            op.execute("ROLLBACK")
        finally:
            op.drop_table("tmp")
        if inspector.has_table("b"):
            op.drop_table("b")
        else:
            op.create_table("b", sa.Column("id", sa.Integer, primary_key=True))
  `;
  assert.deepEqual(read(text).upgrade.operations.map((o) => [o.kind, o.guarded === true]), [
    ["create_index", true], ["data_change", true], ["drop_table", false], ["drop_table", true], ["create_table", true],
  ]);
});

test("tests on the dialect are decided; a branch under a test the reader cannot evaluate is conditional", () => {
  const text = py`
    def upgrade():
        bind = op.get_bind()
        if bind.dialect.name == "sqlite":
            with op.batch_alter_table("t") as batch_op:
                batch_op.drop_column("lite")
        else:
            op.drop_column("t", "other")
        is_pg = op.get_context().dialect.name in ("postgresql",)
        if not is_pg:
            op.drop_column("t", "not_pg")
        if context.is_offline_mode():
            op.drop_column("t", "offline")
        else:
            op.drop_column("t", "online")
        if settings.FEATURE:
            op.drop_column("t", "feature")
  `;
  const columns = (dialect: "postgresql" | "sqlite"): unknown => read(text.replace(/^/, ""), { dialect }).upgrade.operations.map((o) => (o.kind === "drop_column" ? `${o.column}${o.guarded ? "?" : ""}${o.conditional ? "~" : ""}` : o.kind));
  // Offline mode is decided as the replay runs: online.
  assert.deepEqual(columns("postgresql"), ["other", "online", "feature?~"]);
  assert.deepEqual(columns("sqlite"), ["lite", "not_pg", "online", "feature?~"]);
});

test("autocommit_block is remembered, not a guard", () => {
  const text = py`
    def upgrade():
        with op.get_context().autocommit_block():
            op.create_index("ix_a", "a", ["x"], postgresql_concurrently=True)
            op.execute("CREATE INDEX CONCURRENTLY ix_b ON b")
        op.create_index("ix_c", "c", ["x"], postgresql_concurrently=True)
  `;
  assert.deepEqual(read(text).upgrade.operations.map((o) => [o.kind, o.autocommit === true, o.guarded === true]), [
    ["create_index", true, false], ["create_index", true, false], ["create_index", false, false],
  ]);
});

test("a check that raises guards nothing: the migration stops loudly instead of skipping", () => {
  const text = py`
    def upgrade():
        if not inspector.has_table("t"):
            raise RuntimeError("run 0001 first")
        op.add_column("t", sa.Column("x", sa.Integer))
        try:
            op.create_index("ix_t_x", "t", ["x"])
        except Exception:
            raise
        op.drop_table("old")
        raise NotImplementedError
        op.drop_table("unreachable")
  `;
  assert.deepEqual(read(text).upgrade.operations.map((o) => [o.kind, o.guarded === true]), [
    ["add_column", false], ["create_index", true], ["drop_table", false],
  ]);
});
