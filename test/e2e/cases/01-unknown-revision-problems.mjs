// The typo in down_revision of the example project is reported in the Problems panel.
import { openFile, openProblems, waitForProblem } from "../workbench.mjs";

export const FILE = "alembic/versions/3c4d5e6f7081_add_post_slug.py";

export default {
  name: "unknown-revision shows in the Problems panel",
  async run({ page, step, log }) {
    await step("open-migration", () => openFile(page, FILE));
    await step("open-problems", () => openProblems(page));
    const row = await step("unknown-revision-row", () =>
      waitForProblem(page, (text) => text.includes("unknown-revision") || text.includes("names '2b3c4d5e6f7'")),
    );
    log(row.split("\n")[0]);
  },
};
