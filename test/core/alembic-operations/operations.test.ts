import { test } from "node:test";
import * as assert from "node:assert/strict";
import { range } from "../../../server/src/core/model/positions";
import { py, read, slice, upgradeOps } from "./support";

const HEAD = py`
  from alembic import op
  import sqlalchemy as sa
  from sqlalchemy.dialects import postgresql

  revision = "a1"
  down_revision = None
`;

function up(body: string): unknown[] {
  return upgradeOps(`${HEAD}\n\ndef upgrade():\n${body.replace(/^\n/, "").replace(/^(?=.)/gm, "    ")}\n`);
}

test("whole operations, ranges included: the call, and the table name inside its quotes", () => {
  const text = py`
    from alembic import op

    def upgrade():
        op.drop_table("users")
        op.add_column(
            "posts",
            sa.Column("slug", sa.String(80), nullable=False, server_default=""),
        )
  `;
  const { upgrade } = read(text);
  assert.deepEqual(upgrade.operations, [
    { kind: "drop_table", table: { name: "users" }, range: range(3, 4, 3, 26), nameRange: range(3, 19, 3, 24) },
    {
      kind: "add_column",
      table: { name: "posts" },
      column: { name: "slug", type: "varchar(80)", nullable: false, default: "''" },
      range: range(4, 4, 7, 5),
      nameRange: range(5, 9, 5, 14),
    },
  ]);
  assert.deepEqual(upgrade.range, range(2, 0, 2, 14));
  assert.equal(slice(text, upgrade.operations[1]!.range), 'op.add_column(\n        "posts",\n        sa.Column("slug", sa.String(80), nullable=False, server_default=""),\n    )');
});

test("drop_table, rename_table, drop_column with schema=", () => {
  assert.deepEqual(
    up(`
op.drop_table("a", schema="s")
op.rename_table("b", "c", schema="s")
op.drop_column("d", "x", schema="s")
op.drop_table("e", if_exists=True)
`),
    [
      { kind: "drop_table", table: { schema: "s", name: "a" } },
      { kind: "rename_table", table: { schema: "s", name: "b" }, newName: "c" },
      { kind: "drop_column", table: { schema: "s", name: "d" }, column: "x" },
      { kind: "drop_table", table: { name: "e" }, guarded: true },
    ],
  );
});

test("alter_column: every argument, None dropping the default, False leaving it", () => {
  assert.deepEqual(
    up(`
op.alter_column("t", "c", nullable=False, type_=sa.BigInteger(), new_column_name="d", server_default=sa.text("0"),
                existing_type=sa.Integer(), existing_nullable=True, existing_server_default=None,
                postgresql_using="c::bigint", schema="s")
op.alter_column("t", "c", server_default=None)
op.alter_column("t", "c", server_default=False, comment="x")
op.alter_column("t", "c", server_default="draft", type_=sa.Enum("a", "b", name="mood"))
`),
    [
      { kind: "alter_column", table: { schema: "s", name: "t" }, column: "c", newName: "d", type: "bigint", using: "c::bigint", nullable: false, default: "0", existingType: "integer", existingNullable: true },
      { kind: "alter_column", table: { name: "t" }, column: "c", default: null },
      { kind: "alter_column", table: { name: "t" }, column: "c" },
      { kind: "alter_column", table: { name: "t" }, column: "c", type: "mood", default: "'draft'" },
    ],
  );
});

test("create_index and drop_index: op.f names, keywords, partial and expression indexes, CONCURRENTLY, IF [NOT] EXISTS", () => {
  assert.deepEqual(
    up(`
op.create_index(op.f("ix_t_a"), "t", ["a", "b"], unique=True, schema="s")
op.create_index("ix_t_lower", table_name="t", columns=[sa.text("lower(email)")], postgresql_where=sa.text("deleted_at IS NULL"), postgresql_using="gin")
op.create_index("ix_c", "t", ["c"], postgresql_concurrently=True, if_not_exists=True)
op.drop_index(op.f("ix_t_a"), table_name="t", schema="s")
op.drop_index("ix_c", postgresql_concurrently=True, if_exists=True)
op.drop_index("ix_d", "t")
`),
    [
      { kind: "create_index", name: "ix_t_a", table: { schema: "s", name: "t" }, columns: ["a", "b"], unique: true, concurrently: false, definition: { keys: ["a", "b"] } },
      { kind: "create_index", name: "ix_t_lower", table: { name: "t" }, columns: [], unique: false, concurrently: false, detail: "(lower(email)) USING gin WHERE deleted_at IS NULL", definition: { keys: ["lower(email)"], method: "gin", where: "deleted_at IS NULL" } },
      { kind: "create_index", name: "ix_c", table: { name: "t" }, columns: ["c"], unique: false, concurrently: true, definition: { keys: ["c"] }, objectGuarded: true },
      { kind: "drop_index", name: "ix_t_a", table: { schema: "s", name: "t" }, schema: "s", concurrently: false },
      { kind: "drop_index", name: "ix_c", concurrently: true, guarded: true },
      { kind: "drop_index", name: "ix_d", table: { name: "t" }, concurrently: false },
    ],
  );
});

test("postgresql_* options mean nothing on another dialect", () => {
  const text = `${HEAD}\ndef upgrade():\n    op.create_index("ix", "t", ["c"], postgresql_concurrently=True, postgresql_where=sa.text("x"))\n`;
  assert.deepEqual(upgradeOps(text, { dialect: "sqlite" }), [{ kind: "create_index", name: "ix", table: { name: "t" }, columns: ["c"], unique: false, concurrently: false, definition: { keys: ["c"] } }]);
});

test("a drop_index without a table points at the index name", () => {
  const text = `${HEAD}\ndef upgrade():\n    op.drop_index("ix_x")\n`;
  const [op] = read(text).upgrade.operations;
  assert.equal(slice(text, op!.nameRange!), "ix_x");
});

test("constraints: unique, primary key, foreign key (NOT VALID), check, exclude, drop", () => {
  assert.deepEqual(
    up(`
op.create_unique_constraint("uq_t_a", "t", ["a", "b"], schema="s")
op.create_primary_key("pk_t", "t", ["id"])
op.create_foreign_key("fk_t_u", "t", "users", ["user_id"], ["id"], source_schema="s", referent_schema="auth", ondelete="CASCADE", postgresql_not_valid=True)
op.create_check_constraint("ck_t_pos", "t", "amount > 0")
op.create_check_constraint("ck_t_col", "t", sa.column("amount") > 0)
op.create_exclude_constraint("ex_t", "t", ("period", "&&"), using="gist")
op.drop_constraint("fk_t_u", "t", type_="foreignkey", schema="s")
op.create_foreign_key(None, "t", "u", ["u_id"], ["id"])
`),
    [
      { kind: "add_constraint", table: { schema: "s", name: "t" }, constraint: { kind: "unique", name: "uq_t_a", columns: ["a", "b"] }, notValid: false },
      { kind: "add_constraint", table: { name: "t" }, constraint: { kind: "primary_key", name: "pk_t", columns: ["id"] }, notValid: false },
      { kind: "add_constraint", table: { schema: "s", name: "t" }, constraint: { kind: "foreign_key", name: "fk_t_u", columns: ["user_id"], references: { table: { schema: "auth", name: "users" }, columns: ["id"], clauses: "ON DELETE CASCADE" } }, notValid: true },
      { kind: "add_constraint", table: { name: "t" }, constraint: { kind: "check", name: "ck_t_pos", columns: [], expression: "amount > 0" }, notValid: false },
      { kind: "add_constraint", table: { name: "t" }, constraint: { kind: "check", name: "ck_t_col", columns: [] }, notValid: false },
      { kind: "add_constraint", table: { name: "t" }, constraint: { kind: "exclude", name: "ex_t", columns: ["period"] }, notValid: false },
      { kind: "drop_constraint", table: { schema: "s", name: "t" }, name: "fk_t_u" },
      { kind: "add_constraint", table: { name: "t" }, constraint: { kind: "foreign_key", columns: ["u_id"], references: { table: { name: "u" }, columns: ["id"] } }, notValid: false },
    ],
  );
});

test("bulk_insert is an insert into the table object's table; op.invoke and unknown methods are unknown; comments are nothing", () => {
  assert.deepEqual(
    up(`
accounts = sa.table("accounts", sa.column("id", sa.Integer), schema="billing")
op.bulk_insert(accounts, [{"id": 1}])
op.bulk_insert(some_table(), [])
op.create_table_comment("t", "comment")
op.invoke(SomeOp())
op.create_view(View("v", "select 1"))
`),
    [
      { kind: "data_change", statement: "insert", table: { schema: "billing", name: "accounts" } },
      { kind: "data_change", statement: "insert" },
      { kind: "unknown", reason: "op.invoke() is not read" },
      { kind: "unknown", reason: "op.create_view() is not read" },
    ],
  );
});

test("names built at run time make unknown operations, never guesses", () => {
  assert.deepEqual(
    up(`
op.drop_table(get_name())
op.add_column("t", make_column())
op.drop_column("t", name)
op.drop_index(f"ix_{unknown}")
`),
    [
      { kind: "unknown", reason: "op.drop_table() with a table name built at run time is not read", tables: [{ name: { prefix: "", suffix: "" }, may: "be-gone" }] },
      { kind: "unknown", reason: "op.add_column() with a column built at run time is not read" },
      { kind: "unknown", reason: "op.drop_column() with a column name built at run time is not read" },
      { kind: "unknown", reason: "op.drop_index() with an index name built at run time is not read" },
    ],
  );
});

test("a create, drop or rename of a table named at run time says what the name can be", () => {
  const text = py`
    def upgrade():
        for name in get_names():
            op.create_table("shadow_" + name, sa.Column("id", sa.Integer))
            op.drop_table(f"{name}_log")
            op.rename_table("%s_old" % name, "{}_new".format(name))
            op.rename_table("kept", prefix + "_" + name + "_" + suffix)
        sa.Table(name, sa.MetaData()).create(op.get_bind())
  `;
  const tables = read(text).upgrade.operations.map((o) => (o.kind === "unknown" ? o.tables : o.kind));
  assert.deepEqual(tables, [
    [{ name: { prefix: "shadow_", suffix: "" }, may: "exist" }],
    [{ name: { prefix: "", suffix: "_log" }, may: "be-gone" }],
    [{ name: { prefix: "", suffix: "_old" }, may: "be-gone" }, { name: { prefix: "", suffix: "_new" }, may: "exist" }],
    [{ name: { prefix: "kept", suffix: "", exact: true }, may: "be-gone" }, { name: { prefix: "", suffix: "" }, may: "exist" }],
    [{ name: { prefix: "", suffix: "" }, may: "exist" }],
  ]);
});

test("module constants, local variables, concatenations and f-strings of known names", () => {
  const text = py`
    from alembic import op
    import sqlalchemy as sa
    TABLE = "users"
    PREFIX = "ix_"

    def upgrade():
        column = "email"
        name = PREFIX + TABLE + "_" + column
        op.create_index(name, TABLE, [column])
        op.create_index(f"{PREFIX}{TABLE}_{column}_2", TABLE, [column])
        op.drop_table(TABLE)
  `;
  const ops = read(text).upgrade.operations;
  assert.deepEqual(ops.map((o) => (o.kind === "create_index" ? o.name : o.kind)), ["ix_users_email", "ix_users_email_2", "drop_table"]);
  // A module constant is pointed at where the function uses it.
  assert.equal(slice(text, ops[2]!.nameRange!), "TABLE");
});
