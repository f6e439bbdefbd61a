// Migration Lens: New Revision from the command palette: type a message, pick the head among two;
// the new file is created, saved, opened with the cursor on `revision =`, and follows that head.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { waitUntil } from "../util.mjs";
import { answerInputBox, pickQuickPick, runCommand, waitForActiveTab, waitForStatusBar, waitForTreeRow } from "../workbench.mjs";
import { HEAD_ID } from "./03-tree-view-heads.mjs";

const MESSAGE = "add comments";
export const NEW_FILE_SUFFIX = "_add_comments.py";

export default {
  name: "New Revision: message, head, file whose down_revision is the head",
  async run({ page, step, workspace, log }) {
    const versions = join(workspace, "alembic/versions");
    await step("run-command", () => runCommand(page, "Migration Lens: New Revision"));
    await step("type-message", () => answerInputBox(page, MESSAGE));
    await step("pick-head", () => pickQuickPick(page, (text) => text.includes(HEAD_ID), { what: `the heads to include ${HEAD_ID}` }));
    const tab = await step("file-opened", () => waitForActiveTab(page, (label) => label.includes(NEW_FILE_SUFFIX)));
    log(`opened: ${tab}`);

    const file = await waitUntil(() => readdirSync(versions).find((name) => name.endsWith(NEW_FILE_SUFFIX)), {
      what: `a file *${NEW_FILE_SUFFIX} in alembic/versions`,
    });
    const text = await waitUntil(() => {
      const content = readFileSync(join(versions, file), "utf8");
      return content.includes("down_revision") ? content : undefined;
    }, { what: `${file} saved on disk` });
    const lines = text.split("\n");
    const down = lines.find((line) => /^down_revision\b/.test(line));
    if (!down || !new RegExp(`['"]${HEAD_ID}['"]`).test(down)) throw new Error(`${file}: expected down_revision = '${HEAD_ID}', got: ${down}`);
    const revisionLine = lines.findIndex((line) => /^revision\b/.test(line));
    const id = /['"]([0-9a-f]+)['"]/.exec(lines[revisionLine] ?? "")?.[1];
    log(`${file}: ${lines[revisionLine]} / ${down}`);
    await step("cursor-on-revision", () => waitForStatusBar(page, `Ln ${revisionLine + 1}, Col 1`));
    await step("tree-shows-new-head", () =>
      waitForTreeRow(page, (row) => row.includes(id) && /\bhead\b/.test(row), { what: `the new revision ${id} listed as a head` }),
    );
    await waitForTreeRow(page, (row) => row.includes(HEAD_ID) && !/\bhead\b/.test(row), { what: `${HEAD_ID} no longer a head` });
  },
};
