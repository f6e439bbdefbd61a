// Migration Lens: Show Schema at Revision: pick a revision; the replayed schema opens as a read-only
// SQL document, or, while the server cannot replay schemas, a message says so plainly.
import { pickQuickPick, runCommand, waitForActiveTab } from "../workbench.mjs";
import { waitUntil } from "../util.mjs";

export default {
  name: "Show Schema at Revision opens the DDL or says why it cannot",
  async run({ page, step, log }) {
    await step("run-command", () => runCommand(page, "Migration Lens: Show Schema at Revision"));
    // The revision's own row, not a row whose detail says "after 2b3c4d5e6f70".
    await step("pick-revision", () => pickQuickPick(page, (text) => /(?<!after )\b2b3c4d5e6f70\b/.test(text)));
    const outcome = await step("schema-or-message", () =>
      waitUntil(async () => {
        const tab = (await page.locator(".editor-group-container.active .tabs-container .tab.active").first().getAttribute("aria-label").catch(() => null)) ?? "";
        if (tab.startsWith("2b3c4d5e6f70.sql")) return `document: ${tab}`;
        const toasts = await page.locator(".notifications-toasts .notification-toast").allInnerTexts();
        const toast = toasts.find((text) => /schema/i.test(text));
        return toast ? `message: ${toast.split("\n")[0]}` : undefined;
      }, { what: "the schema document or a message about it" }),
    );
    log(outcome);
    if (outcome.startsWith("document")) {
      await waitForActiveTab(page, "2b3c4d5e6f70.sql");
      // The editor renders spaces as no-break spaces: compare words, not whitespace.
      const text = (await page.locator(".editor-group-container.active .view-lines").innerText()).replace(/[\s\u00a0]+/g, " ");
      if (!/CREATE TABLE posts/.test(text)) throw new Error(`the schema at 2b3c4d5e6f70 has no posts table: ${text.slice(0, 300)}`);
      if (/CREATE TABLE tags/.test(text)) throw new Error("the schema at 2b3c4d5e6f70 has the tags table of a later revision");
      log(`schema: ${(text.match(/CREATE TABLE \w+/g) ?? []).join(", ")}`);
    }
  },
};
