import { test } from "node:test";
import * as assert from "node:assert/strict";
import { py, read, slice, upgradeOps } from "./support";

function table(columns: string, dialect: "postgresql" | "mysql" | "sqlite" = "postgresql"): unknown[] {
  const text = py`
    from alembic import op
    import sqlalchemy as sa
    from sqlalchemy.dialects import postgresql
    from sqlalchemy import Column, Integer

    def upgrade():
        op.create_table(
            "t",
            ${columns}
        )
  `;
  return upgradeOps(text, { dialect });
}

function columns(columns: string, dialect: "postgresql" | "mysql" | "sqlite" = "postgresql"): unknown {
  const ops = table(columns, dialect) as { kind: string; columns?: unknown }[];
  return ops.find((o) => o.kind === "create_table")?.columns;
}

test("the single integer primary key is generated and not nullable; other columns nullable unless said", () => {
  assert.deepEqual(
    table(`sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("note", sa.Text),
            sa.PrimaryKeyConstraint("id", name="pk_t"),`),
    [
      {
        kind: "create_table",
        table: { name: "t" },
        columns: [
          { name: "id", type: "integer", nullable: false, primaryKey: true, generated: true },
          { name: "name", type: "text", nullable: false },
          { name: "note", type: "text", nullable: true },
        ],
        constraints: [{ kind: "primary_key", name: "pk_t", columns: ["id"] }],
      },
    ],
  );
});

test("autoincrement=False, composite and non-integer keys are not generated; Identity() is", () => {
  assert.deepEqual(
    columns(`Column("id", Integer, primary_key=True, autoincrement=False),`),
    [{ name: "id", type: "integer", nullable: false, primaryKey: true }],
  );
  assert.deepEqual(
    columns(`sa.Column("a", sa.Integer()), sa.Column("b", sa.BigInteger()), sa.PrimaryKeyConstraint("a", "b"),`),
    [
      { name: "a", type: "integer", nullable: false },
      { name: "b", type: "bigint", nullable: false },
    ],
  );
  assert.deepEqual(
    columns(`sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True, server_default=sa.text("gen_random_uuid()")),
            sa.Column("seq", sa.BigInteger, sa.Identity(always=True), nullable=False),`),
    [
      { name: "id", type: "uuid", nullable: false, primaryKey: true, default: "gen_random_uuid()" },
      { name: "seq", type: "bigint", nullable: false, generated: true, generatedAs: "GENERATED ALWAYS AS IDENTITY", identity: true },
    ],
  );
});

test("types render as lower-case SQL, per dialect where SQLAlchemy does", () => {
  const types = `sa.Column("a", sa.String(255)), sa.Column("b", sa.String(length=20)), sa.Column("c", sa.String()),
    sa.Column("d", sa.Integer), sa.Column("e", sa.Boolean()), sa.Column("f", sa.DateTime(timezone=True)),
    sa.Column("g", sa.DateTime()), sa.Column("h", postgresql.JSONB), sa.Column("i", sa.Numeric(10, 2)),
    sa.Column("j", sa.Enum("x", "y", name="kind")), sa.Column("k", postgresql.ARRAY(sa.String(32))),
    sa.Column("l", sa.LargeBinary), sa.Column("m", postgresql.TSVECTOR()), sa.Column("n", sqlalchemy_utils.types.ChoiceType(X)),
    sa.Column("o", sa.JSON().with_variant(postgresql.JSONB(), "postgresql")), sa.Column("p", sa.Text().with_variant(sa.String(10), "mysql")),
    sa.Column("q", sa.TIMESTAMP(timezone=True)), sa.Column("r", sa.Float(precision=53)), sa.Column("s", sa.Uuid()),`;
  const typeList = (dialect: "postgresql" | "mysql" | "sqlite"): unknown => (columns(types, dialect) as { type: string }[]).map((c) => c.type);
  assert.deepEqual(typeList("postgresql"), [
    "varchar(255)", "varchar(20)", "varchar", "integer", "boolean", "timestamptz", "timestamp", "jsonb", "numeric(10,2)",
    "kind", "varchar(32)[]", "bytea", "tsvector", "sqlalchemy_utils.types.choicetype", "jsonb", "text", "timestamptz", "float", "uuid",
  ]);
  assert.deepEqual(typeList("mysql"), [
    "varchar(255)", "varchar(20)", "varchar", "integer", "boolean", "datetime", "datetime", "jsonb", "numeric(10,2)",
    "enum('x','y')", "varchar(32)[]", "blob", "tsvector", "sqlalchemy_utils.types.choicetype", "json", "varchar(10)", "timestamp", "float", "char(32)",
  ]);
});

test("server defaults become the SQL the database receives", () => {
  assert.deepEqual(
    (columns(`sa.Column("a", sa.Text, server_default="0"), sa.Column("b", sa.DateTime, server_default=sa.text("now()")),
      sa.Column("c", sa.DateTime, server_default=sa.func.now()), sa.Column("d", sa.DateTime, server_default=sa.func.current_timestamp()),
      sa.Column("e", sa.Boolean, server_default=sa.false()), sa.Column("f", sa.Text, server_default="it's"),
      sa.Column("g", sa.Text, server_default=sa.text("'[]'::jsonb")), sa.Column("h", sa.Text, server_default=None),
      sa.Column("i", sa.Text, server_default=sa.func.coalesce("a", 1)), sa.Column("j", sa.Text, server_default=some_default()),`) as { default?: string }[]).map((c) => c.default),
    ["'0'", "now()", "now()", "CURRENT_TIMESTAMP", "false", "'it''s'", "'[]'::jsonb", undefined, "coalesce('a', 1)", "some_default()"],
  );
});

test("foreign keys, unique and check constraints of a table", () => {
  assert.deepEqual(
    table(`sa.Column("user_id", sa.Integer, sa.ForeignKey("auth.users.id", ondelete="CASCADE"), nullable=False),
            sa.Column("code", sa.String(8), unique=True),
            sa.ForeignKeyConstraint(["user_id"], ["auth.users.id"], name="fk_t_user"),
            sa.UniqueConstraint("user_id", "code"),
            sa.CheckConstraint("code <> ''", name="ck_code"),
            schema="app",`),
    [
      {
        kind: "create_table",
        table: { schema: "app", name: "t" },
        columns: [
          { name: "user_id", type: "integer", nullable: false, references: { table: { schema: "auth", name: "users" }, columns: ["id"], clauses: "ON DELETE CASCADE" } },
          { name: "code", type: "varchar(8)", nullable: true, unique: true },
        ],
        constraints: [
          { kind: "foreign_key", name: "fk_t_user", columns: ["user_id"], references: { table: { schema: "auth", name: "users" }, columns: ["id"] } },
          { kind: "unique", columns: ["user_id", "code"] },
          { kind: "check", name: "ck_code", columns: [], expression: "code <> ''" },
        ],
      },
    ],
  );
});

test("indexes created with the table: sa.Index and Column(index=True) (unique=True makes it a unique index)", () => {
  const ops = table(`sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("email", sa.String(200), index=True, unique=True),
            sa.Column("org", sa.Integer, index=True),
            sa.Index("ix_t_lower_email", sa.text("lower(email)"), unique=True),`);
  assert.deepEqual(ops.slice(1), [
    { kind: "create_index", name: "ix_t_email", table: { name: "t" }, columns: ["email"], unique: true, concurrently: false, definition: { keys: ["email"] } },
    { kind: "create_index", name: "ix_t_org", table: { name: "t" }, columns: ["org"], unique: false, concurrently: false, definition: { keys: ["org"] } },
    { kind: "create_index", name: "ix_t_lower_email", table: { name: "t" }, columns: [], unique: true, concurrently: false, detail: "(lower(email))", definition: { keys: ["lower(email)"] } },
  ]);
  assert.deepEqual((ops[0] as { columns: unknown[] }).columns[1], { name: "email", type: "varchar(200)", nullable: true });
});

test("PostgreSQL enums are created before the table, once each, unless create_type=False", () => {
  const ops = table(`sa.Column("a", sa.Enum("x", "y", name="mood")),
            sa.Column("b", sa.Enum("x", "y", name="mood")),
            sa.Column("c", postgresql.ENUM("p", name="kind", create_type=False)),
            sa.Column("d", sa.Enum("p", name="flag", native_enum=False)),
            sa.Column("e", sa.Enum("q", name="scoped", schema="s")),`) as { kind: string }[];
  assert.deepEqual(ops.filter((o) => o.kind === "create_enum"), [
    { kind: "create_enum", type: { name: "mood" }, values: ["x", "y"] },
    { kind: "create_enum", type: { schema: "s", name: "scoped" }, values: ["q"] },
  ]);
  assert.deepEqual((ops[2] as unknown as { columns: { type: string }[] }).columns.map((c) => c.type), ["mood", "mood", "kind", "varchar(1)", "scoped"]);
  assert.deepEqual(table(`sa.Column("a", sa.Enum("x", name="mood")),`, "mysql").length, 1);
});

test("columns from a module-level list, *starred; a list built at run time leaves an unknown after the table", () => {
  const text = py`
    from alembic import op
    import sqlalchemy as sa
    COMMON = [sa.Column("created_at", sa.DateTime(), nullable=False)]
    ID = sa.Column("id", sa.Integer(), primary_key=True)

    def upgrade():
        op.create_table("a", ID, *COMMON)
        op.create_table("b", ID, *common_columns())
  `;
  const ops = read(text).upgrade.operations;
  assert.deepEqual(ops.map((o) => (o.kind === "create_table" ? o.columns.map((c) => c.name) : o.kind)), [["id", "created_at"], ["id"], "unknown"]);
  assert.equal(ops[2]?.kind === "unknown" && ops[2].reason, "some columns or constraints of table 'b' are built at run time and are not read");
  assert.equal(slice(text, ops[2]!.range), 'op.create_table("b", ID, *common_columns())');
});

test("if_not_exists=True guards the table", () => {
  const ops = table(`sa.Column("id", sa.Integer, primary_key=True), if_not_exists=True,`) as { guarded?: boolean }[];
  assert.equal(ops[0]?.guarded, true);
});
