// Go to Definition (F12) on the id in down_revision opens the parent revision's file at `revision =`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { goTo, openFile, waitForActiveTab, waitForStatusBar } from "../workbench.mjs";

const FILE = "alembic/versions/4d5e6f708192_add_user_name.py";
const PARENT = "3c4d5e6f7081_add_post_slug.py";
const PARENT_ID = "3c4d5e6f7081";

export default {
  name: "F12 on a down_revision opens the parent revision",
  async run({ page, step, workspace }) {
    const lines = readFileSync(join(workspace, FILE), "utf8").split("\n");
    const line = lines.findIndex((text) => /^down_revision\b/.test(text) && text.includes(PARENT_ID));
    if (line < 0) throw new Error(`${FILE} has no down_revision naming ${PARENT_ID}`);
    const column = lines[line].indexOf(PARENT_ID) + 4;
    const parentLines = readFileSync(join(workspace, "alembic/versions", PARENT), "utf8").split("\n");
    const revisionLine = parentLines.findIndex((text) => /^revision\b/.test(text));

    await step("open-child", () => openFile(page, FILE));
    await step("cursor-on-parent-id", () => goTo(page, line + 1, column));
    await step("go-to-definition", async () => {
      await page.keyboard.press("F12");
      await waitForActiveTab(page, (label) => label.startsWith(PARENT));
      await waitForStatusBar(page, `Ln ${revisionLine + 1},`);
    });
  },
};
