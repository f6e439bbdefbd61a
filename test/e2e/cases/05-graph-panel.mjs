// Migration Lens: Show Revision Graph opens the webview: the SVG has a node per revision, the
// heads marked; the zoom buttons work; the colours follow the theme; clicking a node opens its file.
import { waitUntil } from "../util.mjs";
import { answerInputBox, runCommand, treeRow, waitForActiveTab, webviewFrame } from "../workbench.mjs";
import { BRANCH_ID } from "./03-tree-view-heads.mjs";

export default {
  name: "the revision graph renders the nodes and opens a file on click",
  async run({ page, step, log }) {
    await step("open-graph", () => runCommand(page, "Migration Lens: Show Revision Graph"));
    const frame = webviewFrame(page);
    const nodes = frame.locator('svg#graph g.node[data-kind="revision"]');
    const count = await step("nodes-rendered", () =>
      waitUntil(async () => ((await nodes.count()) >= 6 ? nodes.count() : undefined), {
        what: "six revision nodes in the graph webview",
        describe: async () => `${await nodes.count()} nodes`,
      }),
    );
    const heads = await frame.locator("svg#graph g.node.head").evaluateAll((els) => els.map((el) => el.getAttribute("data-key")));
    const edges = await frame.locator("svg#graph path.edge").count();
    log(`${count} revision nodes, ${edges} edges, heads: ${heads.join(", ")}`);
    if (heads.length !== 2 || !heads.includes(BRANCH_ID)) throw new Error(`expected two heads including ${BRANCH_ID}, got ${heads.join(", ")}`);
    const title = await frame.locator("#title").innerText();
    const stats = await frame.locator("#stats").innerText();
    log(`header: ${title} — ${stats.replace(/\n/g, " · ")}`);

    await step("zoom-in", async () => {
      const before = await frame.locator("#zoom-reset").innerText();
      await frame.locator("#zoom-in").click();
      await waitUntil(async () => (await frame.locator("#zoom-reset").innerText()) !== before, { what: "the zoom level to change" });
      await frame.locator("#fit").click();
    });
    await step("dark-theme", async () => {
      const background = () => frame.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
      const light = await background();
      await page.keyboard.press("Control+K"); // Ctrl+K Ctrl+T: Preferences: Color Theme
      await page.keyboard.press("Control+T");
      await answerInputBox(page, "Dark Modern"); // filters the themes, Enter takes the first match
      const dark = await waitUntil(async () => {
        const now = await background();
        return now !== light ? now : undefined;
      }, { what: "the graph's background to follow the theme" });
      log(`background: ${light} → ${dark}`);
    });
    const menu = await step("tree-context-menu", async () => {
      await (await treeRow(page, (text) => text.includes("2b3c4d5e6f70"))).click({ button: "right" });
      const items = page.locator(".context-view .monaco-menu .action-item .action-label");
      await items.first().waitFor({ state: "visible" });
      return items.allInnerTexts();
    });
    log(`context menu: ${menu.filter(Boolean).join(" | ")}`);
    for (const title of ["Copy Revision ID", "Show Schema at This Revision", "New Revision on Top of This One", "Reveal in Graph"]) {
      if (!menu.includes(title)) throw new Error(`the context menu has no "${title}"`);
    }
    await step("reveal-in-graph", async () => {
      await page.locator(".context-view .monaco-menu .action-item .action-label", { hasText: "Reveal in Graph" }).click();
      await frame.locator('svg#graph g.node.revealed[data-key="2b3c4d5e6f70"]').waitFor({ state: "attached" });
    });
    await step("click-node-opens-file", async () => {
      await frame.locator('svg#graph g.node[data-key="1a2b3c4d5e6f"] .shape').click();
      await waitForActiveTab(page, (label) => label.startsWith("1a2b3c4d5e6f_create_users.py"));
    });
  },
};
