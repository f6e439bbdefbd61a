// Migration Lens: Verify on PostgreSQL runs the history on the embedded PostgreSQL: a summary
// notification when it is done, and a statement PostgreSQL rejects in the Problems panel, said
// by PostgreSQL itself (source PostgreSQL). The revision it adds (another head) is removed after.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { waitUntil } from "../util.mjs";
import { openProblems, runCommand, waitForProblem } from "../workbench.mjs";

const REVISION = `"""nickname of a type that does not exist

Revision ID: 9f0e1d2c3b4a
Revises: 4d5e6f708192
"""
from alembic import op

revision = "9f0e1d2c3b4a"
down_revision = "4d5e6f708192"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE users ADD COLUMN nickname no_such_type")


def downgrade():
    op.drop_column("users", "nickname")
`;

export default {
  name: "Verify on PostgreSQL: the summary, and what PostgreSQL rejects in the Problems panel",
  async run({ page, step, workspace, log }) {
    // The example's typo sends 3c4d… to the base, where PostgreSQL would stop first: fixed as case 02's quick fix does.
    const typo = join(workspace, "alembic/versions/3c4d5e6f7081_add_post_slug.py");
    writeFileSync(typo, readFileSync(typo, "utf8").replace('down_revision = "2b3c4d5e6f7"', 'down_revision = "2b3c4d5e6f70"'));
    const file = join(workspace, "alembic/versions/9f0e1d2c3b4a_nickname.py");
    writeFileSync(file, REVISION);
    try {
      const summary = await step("verify", async () => {
        await runCommand(page, "Migration Lens: Verify on PostgreSQL");
        return waitUntil(async () => (await page.locator(".notifications-toasts .notification-toast").allInnerTexts()).find((t) => t.includes("Verified on PostgreSQL")), {
          what: "the verification summary",
        });
      });
      log(summary.split("\n").find((line) => line.includes("Verified on PostgreSQL")) ?? summary);
      if (!/\b1 rejected\b/.test(summary)) throw new Error(`the summary does not count the rejected statement: ${summary}`);
      await step("open-problems", () => openProblems(page));
      const row = await step("rejected-row", () => waitForProblem(page, (text) => text.includes("PostgreSQL rejects this statement") && text.includes("no_such_type")));
      log(row.split("\n")[0]);
      if (!row.includes("PostgreSQL")) throw new Error(`the problem does not say PostgreSQL: ${row}`);
    } finally {
      rmSync(file, { force: true });
    }
  },
};
