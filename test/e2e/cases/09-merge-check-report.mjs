// Merge Heads joins the two heads in a merge revision, which the graph draws as a merge with one
// head left; Check All Migrations reports the totals; Export Report writes the Markdown report.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { waitUntil } from "../util.mjs";
import { runCommand, waitForActiveTab, waitForStatusBar, webviewFrame } from "../workbench.mjs";
import { BRANCH_ID } from "./03-tree-view-heads.mjs";

export default {
  name: "Merge Heads, Check All Migrations and Export Report",
  async run({ page, step, workspace, log }) {
    const versions = join(workspace, "alembic/versions");
    await step("merge-heads", async () => {
      await runCommand(page, "Migration Lens: Merge Heads");
      await waitForActiveTab(page, (label) => label.includes("_merge_heads.py"));
    });
    const file = await waitUntil(() => readdirSync(versions).find((name) => name.endsWith("_merge_heads.py")), { what: "the merge revision on disk" });
    const down = readFileSync(join(versions, file), "utf8").split("\n").find((line) => /^down_revision\b/.test(line)) ?? "";
    log(`${file}: ${down}`);
    if (!down.includes(BRANCH_ID)) throw new Error(`the merge does not follow ${BRANCH_ID}: ${down}`);
    await step("one-head-left", () => waitForStatusBar(page, /\b1 head\b/));

    await step("graph-shows-merge", async () => {
      await runCommand(page, "Migration Lens: Show Revision Graph");
      const frame = webviewFrame(page);
      await waitUntil(async () => (await frame.locator("svg#graph g.node.merge").count()) === 1 && (await frame.locator("svg#graph g.node.head").count()) === 1, {
        what: "the graph to show one merge and one head",
      });
      await frame.locator("#fit").click();
    });

    const summary = await step("check-all", async () => {
      await runCommand(page, "Migration Lens: Check All Migrations");
      return waitUntil(async () => (await page.locator(".notifications-toasts .notification-toast").allInnerTexts()).find((t) => t.includes("Migration Lens checked")), {
        what: "the Check All summary",
      });
    });
    log(summary.split("\n")[0]);

    const report = join(workspace, "migration-report.md");
    await step("export-report", async () => {
      await runCommand(page, "Migration Lens: Export Report");
      // code-server's save dialog is a Quick Input holding the default path: accept it.
      const box = page.locator(".quick-input-widget .quick-input-box input");
      await box.waitFor({ state: "visible" });
      await waitUntil(async () => (await box.inputValue()).endsWith("migration-report.md"), { what: "the save dialog to propose migration-report.md" });
      await page.keyboard.press("Enter");
      await waitUntil(() => existsSync(report), { what: `${report} to be written` });
    });
    const markdown = readFileSync(report, "utf8");
    log(`report: ${markdown.split("\n").length} lines, starts "${markdown.split("\n")[0]}"`);
    const mergeId = file.split("_")[0];
    for (const id of [mergeId, "2b3c4d5e6f70"]) if (!markdown.includes(id)) throw new Error(`the report does not mention ${id}`);
  },
};
