import { test } from "node:test";
import * as assert from "node:assert/strict";
import { documentSymbols, type OutlineSymbol } from "../../../server/src/core/navigation/documentSymbols";

const TEXT = `"""add things"""
from alembic import op
import sqlalchemy as sa

revision: str = "b2"
down_revision = ("a1",
                 "a2")
branch_labels = None


def upgrade() -> None:
    op.create_table("users", sa.Column("id", sa.Integer()))
    op.create_index(op.f("ix_users_id"), "users", ["id"])
    with op.batch_alter_table("posts") as batch_op:
        batch_op.add_column(sa.Column("slug", sa.String()))
        batch_op.drop_column("old")
    if True:
        op.execute("select 1")


def downgrade() -> None:
    op.drop_table("users")


@some.decorator
def helper(x):
    return x
`;

const outline = (symbols: readonly OutlineSymbol[], depth = 0): string[] =>
  symbols.flatMap((s) => [`${"  ".repeat(depth)}${s.kind} ${s.name}${s.detail ? ` [${s.detail}]` : ""}`, ...outline(s.children, depth + 1)]);

test("header variables, functions and the op.* calls inside them, batch operations nested", () => {
  assert.deepEqual(outline(documentSymbols(TEXT)), [
    'variable revision ["b2"]',
    'variable down_revision [("a1", "a2")]',
    "variable branch_labels [None]",
    "function upgrade [()]",
    "  operation op.create_table [users]",
    "  operation op.create_index",
    "  operation op.batch_alter_table [posts]",
    "    operation batch_op.add_column",
    "    operation batch_op.drop_column [old]",
    "  operation op.execute [select 1]",
    "function downgrade [()]",
    "  operation op.drop_table [users]",
    "function helper [(x)]",
  ]);
});

test("ranges: the whole statement, the name selected", () => {
  const [, , , upgrade] = documentSymbols(TEXT);
  assert.deepEqual(upgrade!.selectionRange, { start: { line: 10, character: 4 }, end: { line: 10, character: 11 } });
  assert.equal(upgrade!.range.start.line, 10);
  assert.equal(upgrade!.range.end.line, 18);
  const create = upgrade!.children[0]!;
  assert.deepEqual(create.selectionRange, { start: { line: 11, character: 7 }, end: { line: 11, character: 19 } });
});

test("broken Python still gives an outline, and never throws", () => {
  const symbols = documentSymbols('revision = "x"\ndef upgrade(:\n    op.add_column("t", (((\n');
  assert.equal(symbols[0]?.name, "revision");
  assert.doesNotThrow(() => documentSymbols("\u0000 def ( ] ''' "));
});
