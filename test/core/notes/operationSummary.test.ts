import { test } from "node:test";
import * as assert from "node:assert/strict";
import { readRevisionFile } from "../../../server/src/core/alembic/revisionFile";
import { summarizeUpgrade, type Phrase } from "../../../server/src/core/notes/operationSummary";

/** The phrase as plain text, names in backticks, to compare in one string. */
const plain = (phrase: Phrase): string => phrase.map((p) => (typeof p === "string" ? p : `\`${p.code}\``)).join("");

const summary = (upgrade: string): string =>
  plain(summarizeUpgrade(readRevisionFile("/p/versions/r.py", `from alembic import op\nimport sqlalchemy as sa\nrevision = "r"\ndown_revision = None\n\ndef upgrade():\n${upgrade}\n`, { dialect: "postgresql" }).upgrade));

test("column operations on one table are said together, in the order they first appear", () => {
  assert.equal(
    summary(`    op.add_column("users", sa.Column("email", sa.Text()))
    op.create_table("teams", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.Text()))
    op.add_column("users", sa.Column("team_id", sa.Integer))
    op.drop_column("users", "legacy")
    op.alter_column("users", "email", nullable=False, type_=sa.String(320))`),
    "adds columns `email`, `team_id` to `users`; creates table `teams` (2 columns); drops column `legacy` of `users`; alters column `email` (type varchar(320), NOT NULL) of `users`",
  );
});

test("indexes, constraints and data changes: op.execute of DML and op.bulk_insert are data changes", () => {
  assert.equal(
    summary(`    op.create_index("ix_users_email", "users", ["email"], unique=True)
    op.create_foreign_key("fk_users_team", "users", "teams", ["team_id"], ["id"])
    op.drop_constraint("ck_old", "users", type_="check")
    op.execute("UPDATE users SET email = lower(email)")
    op.execute("UPDATE users SET team_id = 1")
    op.bulk_insert(sa.table("teams", sa.column("id")), [{"id": 1}])`),
    "creates unique index `ix_users_email` on `users`; adds foreign key `fk_users_team` on `users`; drops constraint `ck_old` of `users`; UPDATE (2×) `users`; INSERT INTO `teams`",
  );
});

test("what the analysis could not read is said so, and what may not run is said apart", () => {
  assert.equal(
    summary(`    op.execute(f"DROP TABLE {name}")
    if context.config.get_main_option("with_audit"):
        op.create_table("audit", sa.Column("id", sa.Integer))`),
    "1 statement not understood (SQL built at run time (f-string) is not read); creates table `audit` (1 column) (only under a run-time condition)",
  );
  assert.equal(summary("    pass"), "changes nothing the analysis sees");
});
