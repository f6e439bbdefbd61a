// The Migrations view lists the set and its revisions newest first, and marks the heads. A second
// head arrives the way it does in real life: a teammate's revision lands on disk (after the quick
// fix of the previous case the history is a straight line with one head).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { showViewContainer, treeRows, waitForStatusBar, waitForTreeRow } from "../workbench.mjs";

export const BRANCH_ID = "5e6f708192a3";
export const BRANCH_FILE = `alembic/versions/${BRANCH_ID}_add_tags.py`;
export const HEAD_ID = "4d5e6f708192";

const BRANCH_SOURCE = `"""add tags

Revision ID: ${BRANCH_ID}
Revises: 2b3c4d5e6f70
Create Date: 2024-02-10 16:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = "${BRANCH_ID}"
down_revision = "2b3c4d5e6f70"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(50), nullable=False),
    )
    op.execute("CREATE UNIQUE INDEX ix_tags_name ON tags (lower(name))")


def downgrade() -> None:
    op.drop_table("tags")
`;

const row = (id) => (text) => text.includes(id);
const isHead = (id) => (text) => text.includes(id) && /\bhead\b/.test(text);

export default {
  name: "the Migrations view shows the set and marks the heads",
  async run({ page, step, workspace, log }) {
    await step("open-view", async () => {
      await showViewContainer(page, "Migrations");
      await waitForTreeRow(page, (text) => text.startsWith("alembic") || text.includes("\nalembic"), { what: "the set row 'alembic'" });
      await waitForTreeRow(page, isHead(HEAD_ID), { what: `${HEAD_ID} marked head` });
    });
    const before = await treeRows(page);
    log(`rows: ${before.map((t) => t.split("\n")[0]).join(" | ")}`);
    const order = ["4d5e6f708192", "3c4d5e6f7081", "2b3c4d5e6f70", "1a2b3c4d5e6f"].map((id) => before.findIndex(row(id)));
    if (order.some((i) => i < 0) || order.some((i, k) => k > 0 && i < order[k - 1])) {
      throw new Error(`revisions are not listed newest first: ${order.join(", ")}`);
    }

    await step("second-head-arrives", async () => {
      writeFileSync(join(workspace, BRANCH_FILE), BRANCH_SOURCE);
      await waitForTreeRow(page, isHead(BRANCH_ID), { what: `${BRANCH_ID} listed and marked head` });
      await waitForTreeRow(page, isHead(HEAD_ID), { what: `${HEAD_ID} still marked head` });
    });
    const base = await waitForTreeRow(page, (text) => text.includes("1a2b3c4d5e6f") && /\bbase\b/.test(text), { what: "1a2b3c4d5e6f marked base" });
    const branch = await waitForTreeRow(page, (text) => text.includes("2b3c4d5e6f70") && /branch point/.test(text), { what: "2b3c4d5e6f70 marked branch point" });
    log(`base: ${base.split("\n")[0]}`);
    log(`branch point: ${branch.split("\n")[0]}`);
    const status = await step("status-bar-two-heads", () => waitForStatusBar(page, "2 heads"));
    log(`status bar: ${status.split("\n").find((line) => line.includes("heads"))}`);
  },
};
