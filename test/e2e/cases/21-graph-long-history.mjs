// A long history (440 revisions in a line, a short branch near the top): the graph opens readable
// on the heads instead of fitting everything into a hairline, Fit does the same, a scroll reaches
// the base, and a small graph still fits whole. Then a Prisma migration lands on disk and the
// Migrations view names it by its migration name, its timestamp beside it.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { id, write, writeAlembicConfig, writeRevision } from "../history.mjs";
import { waitUntil } from "../util.mjs";
import { runCommand, showViewContainer, treeRow, waitForStatusBar, waitForTreeRow, waitForWorkbench, webviewFrame } from "../workbench.mjs";

const LINE = 440;
const BRANCH_AT = 430;
const BRANCH = ["b001", "b002", "b003"];
const READABLE_PERCENT = 50;
const PRISMA_MIGRATION = "prisma/migrations/20240101120000_add_users/migration.sql";
const isAlembicSet = (text) => text.startsWith("alembic") && text.includes("heads");

function makeHistory() {
  const root = mkdtempSync(join(tmpdir(), "ml-e2e-long-"));
  writeAlembicConfig(root);
  for (let n = 0; n < LINE; n++) writeRevision(root, id(n), n === 0 ? undefined : id(n - 1));
  BRANCH.forEach((rev, i) => writeRevision(root, rev, i === 0 ? id(BRANCH_AT) : BRANCH[i - 1]));
  // Its migration.sql lands later: the file watcher reports files created in folders it watches.
  mkdirSync(join(root, dirname(PRISMA_MIGRATION)), { recursive: true });
  return root;
}

/** The zoom the toolbar shows, in percent, and which of the given nodes are drawn inside the canvas. */
function viewOf(frame, selector) {
  return frame.locator("body").evaluate((body, selector) => {
    const canvas = document.getElementById("graph").getBoundingClientRect();
    const nodes = [...document.querySelectorAll(selector)].map((node) => {
      const r = node.querySelector(".shape").getBoundingClientRect();
      const inside = r.width > 0 && r.left >= canvas.left && r.right <= canvas.right && r.top >= canvas.top && r.bottom <= canvas.bottom;
      return { key: node.getAttribute("data-key"), inside };
    });
    return { percent: Number.parseInt(document.getElementById("zoom-reset").textContent, 10), nodes };
  }, selector);
}

async function expectHeadsReadable(frame, log, when) {
  const { percent, nodes } = await viewOf(frame, "svg#graph g.node.head");
  log(`${when}: ${percent}%, heads ${nodes.map((n) => `${n.key}${n.inside ? "" : " (out of view)"}`).join(", ")}`);
  if (percent < READABLE_PERCENT) throw new Error(`${when}: the graph is at ${percent}%, below the readable ${READABLE_PERCENT}%`);
  const keys = nodes.map((n) => n.key).sort().join(", ");
  if (keys !== [BRANCH.at(-1), id(LINE - 1)].sort().join(", ")) throw new Error(`${when}: expected the heads ${id(LINE - 1)} and ${BRANCH.at(-1)}, got ${keys}`);
  if (nodes.some((n) => !n.inside)) throw new Error(`${when}: a head is out of view`);
}

export default {
  name: "the graph of a long history opens readable on its heads; Fit does too; a small graph fits whole",
  async run({ page, step, log }) {
    const root = makeHistory();
    try {
      await check({ page, step, log, root });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};

async function check({ page, step, log, root }) {
  await step("open-long-history", async () => {
    await page.goto(`${new URL(page.url()).origin}/?folder=${encodeURIComponent(root)}`);
    await waitForWorkbench(page);
    await waitForStatusBar(page, "2 heads");
  });
  await step("open-graph", () => runCommand(page, "Migration Lens: Show Revision Graph"));
  const frame = webviewFrame(page);
  const revisions = frame.locator('svg#graph g.node[data-kind="revision"]');

  // Folded (the default), the two straight runs are one node each: the graph is small and fits whole.
  await step("folded-fits-whole", async () => {
    await waitUntil(async () => (await frame.locator('svg#graph g.node[data-kind="run"]').count()) > 0, { what: "the folded runs" });
    await frame.locator("#fit").click();
    const { percent, nodes } = await viewOf(frame, "svg#graph g.node");
    log(`folded: ${nodes.length} nodes at ${percent}%`);
    if (nodes.some((n) => !n.inside)) throw new Error(`a small graph is not whole in view: ${nodes.filter((n) => !n.inside).map((n) => n.key).join(", ")}`);
  });

  const total = LINE + BRANCH.length;
  await step("expanded-opens-on-heads", async () => {
    await frame.locator("#expand-all").click();
    await waitUntil(async () => (await revisions.count()) === total, {
      what: `all ${total} revisions drawn`,
      describe: async () => `${await revisions.count()} revisions`,
    });
    await expectHeadsReadable(frame, log, "expanded");
  });

  await step("fit-after-zooming-out", async () => {
    for (let i = 0; i < 8; i++) await frame.locator("#zoom-out").click();
    const { percent } = await viewOf(frame, "svg#graph g.node.head");
    log(`zoomed out to ${percent}%`);
    await frame.locator("#fit").click();
    await expectHeadsReadable(frame, log, "after Fit");
  });

  await step("scroll-reaches-the-base", async () => {
    const box = await frame.locator("svg#graph").boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const base = `svg#graph g.node[data-key="${id(0)}"]`;
    const reached = await waitUntil(async () => {
      const { percent, nodes } = await viewOf(frame, base);
      if (nodes[0]?.inside) return { percent };
      await page.mouse.wheel(0, 3000);
      return undefined;
    }, { what: `scrolling down to bring ${id(0)} into view`, interval: 50 });
    log(`the base in view after scrolling, still at ${reached.percent}%`);
    if (reached.percent < READABLE_PERCENT) throw new Error(`scrolling zoomed the graph to ${reached.percent}%`);
  });

  await step("prisma-row-named", async () => {
    write(root, "prisma/migrations/20240101120000_add_users/migration.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
    await showViewContainer(page, "Migrations");
    // The Alembic set's 443 rows come first: folded, the Prisma set's rows are drawn.
    await waitForTreeRow(page, isAlembicSet, { what: "the Alembic set's row" });
    await (await treeRow(page, isAlembicSet)).click();
    const shown = (text) => text.slice(text.indexOf("\n") + 1);
    const row = await waitForTreeRow(page, (text) => shown(text).startsWith("add_users") && shown(text).includes("20240101120000"), {
      what: "the Prisma migration listed as add_users, its timestamp beside it",
    });
    log(`Prisma row: ${row.replace(/\n/g, " | ")}`);
  });
}
