// Page helpers for the VS Code workbench (1.96, as served by code-server), driven through the UI the
// way a person would: keyboard shortcuts, Quick Open, the command palette, the Problems panel,
// side bar trees, input boxes, quick picks, webviews and the status bar.
// Every wait is on a selector or a polled condition with a deadline, never a fixed sleep.
import { basename, dirname } from "node:path";
import { TIMEOUT_MS, waitUntil } from "./util.mjs";

const QUICK_INPUT = ".quick-input-widget";
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_INPUT_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;
const PROBLEMS = ".markers-panel";
const PROBLEM_ROWS = `${PROBLEMS} .monaco-list-row`;
const ACTIVE_TAB = ".editor-group-container.active .tabs-container .tab.active";
const ACTIVE_EDITOR = ".editor-group-container.active .editor-instance .monaco-editor";
const ACTION_ROWS = ".action-widget .monaco-list-row.action";
const SIDEBAR = ".part.sidebar";
const TREE_ROWS = `${SIDEBAR} .monaco-list-row`;

/** Waits until the workbench has loaded a folder: the file explorer lists it and the status bar is up. */
export async function waitForWorkbench(page, { timeout = TIMEOUT_MS } = {}) {
  await page.waitForSelector(".monaco-workbench", { timeout });
  await page.waitForSelector(".explorer-folders-view .monaco-list-row", { state: "visible", timeout });
  await page.waitForSelector(".part.statusbar", { state: "visible", timeout });
}

/** First lines of the rows currently rendered in a list, to explain a failed wait. */
async function describeRows(page, selector) {
  const rows = (await rowTexts(page, selector)).map((text) => text.split("\n")[0]);
  return rows.length ? `rows: ${rows.join(" | ")}` : `no rows in ${selector}`;
}

/** Texts of the rows currently rendered in a list (aria-label, then the visible text). */
export function rowTexts(page, selector) {
  return page.locator(selector).evaluateAll((rows) =>
    rows.map((row) => `${row.getAttribute("aria-label") ?? ""}\n${row.innerText}`),
  );
}

/** Polls the rows of a list until one matches (a substring, a RegExp or a predicate); returns its text. */
export async function waitForRow(page, selector, match, { what, timeout = TIMEOUT_MS } = {}) {
  const test = toPredicate(match);
  return waitUntil(async () => (await rowTexts(page, selector)).find(test), {
    what: what ?? `a row matching ${String(match)} in ${selector}`,
    timeout,
    describe: () => describeRows(page, selector),
  });
}

/** Polls until no row of a list matches. */
export async function waitForNoRow(page, selector, match, { what, timeout = TIMEOUT_MS } = {}) {
  const test = toPredicate(match);
  await waitUntil(async () => !(await rowTexts(page, selector)).some(test), {
    what: what ?? `no row matching ${String(match)} in ${selector}`,
    timeout,
    describe: () => describeRows(page, selector),
  });
}

/** Waits for any element matching `selector` whose text contains `text` (e.g. a tree item in a view). */
export async function waitForText(page, selector, text, { timeout = TIMEOUT_MS } = {}) {
  const locator = page.locator(selector).filter({ hasText: text }).first();
  await locator.waitFor({ state: "visible", timeout });
  return locator;
}

/** Chooses the first rendered row of the open Quick Input that matches `match` (arrow keys, then Enter). */
async function pickQuickInputRow(page, match, what, timeout = TIMEOUT_MS) {
  const test = toPredicate(match);
  const index = await waitUntil(
    async () => {
      const texts = await rowTexts(page, QUICK_INPUT_ROWS);
      const i = texts.findIndex(test);
      return i >= 0 ? i + 1 : 0; // 1-based so that a match on the first row is truthy
    },
    { what, timeout, describe: () => describeRows(page, QUICK_INPUT_ROWS) },
  );
  // The keyboard, not the mouse: a hover left over from an earlier step can cover the row.
  const focused = `${QUICK_INPUT_ROWS}.focused`;
  const rows = (await rowTexts(page, QUICK_INPUT_ROWS)).length;
  for (let moves = 0; ; moves++) {
    const current = await rowTexts(page, focused);
    if (current.length === 1 && test(current[0])) break;
    if (moves > 2 * rows + 2) {
      // Not reachable with the arrow keys (a list that does not wrap, say): click it after all.
      await page.locator(QUICK_INPUT_ROWS).nth(index - 1).click();
      await waitForQuickInputDone(page, undefined, timeout);
      return;
    }
    await page.keyboard.press("ArrowDown");
  }
  const before = await quickInputState(page);
  await page.keyboard.press("Enter");
  await waitForQuickInputDone(page, before, timeout);
}

/** What the Quick Input shows (undefined when hidden): enough to tell one prompt from the next. */
function quickInputState(page) {
  return page.locator(QUICK_INPUT).evaluate((widget) => {
    if (!widget.offsetParent && getComputedStyle(widget).display === "none") return undefined;
    const input = widget.querySelector(".quick-input-box input");
    const title = widget.querySelector(".quick-input-title")?.textContent ?? "";
    return JSON.stringify([title, input?.value ?? "", input?.placeholder ?? ""]);
  }).catch(() => undefined);
}

/**
 * Waits until the Quick Input that was showing `before` is done: hidden, or already showing the next
 * prompt (a command that asks something reuses the widget at once, so it may never be seen hidden).
 */
async function waitForQuickInputDone(page, before, timeout = TIMEOUT_MS) {
  await waitUntil(async () => {
    if (!(await page.locator(QUICK_INPUT).isVisible())) return true;
    const now = await quickInputState(page);
    return now !== undefined && now !== before;
  }, { what: "the Quick Input to close or move on", timeout });
}

/** Opens a Quick Input with `shortcut` and types `text` into it. */
async function quickInput(page, shortcut, text) {
  await page.keyboard.press(shortcut);
  const box = page.locator(QUICK_INPUT_BOX);
  await box.waitFor({ state: "visible" });
  await box.fill(text);
}

/**
 * Opens a workspace file through Quick Open (Ctrl+P), typed as its workspace-relative path,
 * and waits until it is the active, focused editor.
 */
export async function openFile(page, relativePath) {
  const name = basename(relativePath);
  const folder = dirname(relativePath);
  const isFile = (text) => text.startsWith(name) && (folder === "." || text.includes(folder));
  await quickInput(page, "Control+P", relativePath);
  await pickQuickInputRow(page, isFile, `Quick Open to list ${relativePath}`);
  await waitUntil(async () => (await page.locator(ACTIVE_TAB).getAttribute("aria-label"))?.startsWith(name), {
    what: `${name} to be the active editor tab`,
  });
  await page.locator(`${ACTIVE_EDITOR} .view-lines`).waitFor({ state: "visible" });
  await waitUntil(() => page.locator(ACTIVE_EDITOR).evaluate((el) => el.classList.contains("focused")), {
    what: `the editor of ${name} to have focus`,
  });
}

/**
 * Runs a command from the command palette (Ctrl+Shift+P) by its title as shown there,
 * e.g. "Problems: Focus on Problems View" or "View: Hide Panel" (category prefix included).
 */
export async function runCommand(page, title, { timeout } = {}) {
  await quickInput(page, "Control+Shift+P", `>${title}`);
  const exact = (text) => {
    const label = text.split("\n")[0];
    return label === title || label.startsWith(`${title},`);
  };
  await pickQuickInputRow(page, exact, `the command palette to list "${title}"`, timeout);
}

/** Opens (and focuses) the Problems panel with Ctrl+Shift+M unless it is already showing. */
export async function openProblems(page) {
  if (await page.locator(PROBLEMS).isVisible()) return;
  await page.keyboard.press("Control+Shift+M");
  await page.locator(PROBLEMS).waitFor({ state: "visible" });
}

/** Texts of the rows of the Problems panel (file rows, problem rows and related-information rows). */
export function problemRows(page) {
  return rowTexts(page, PROBLEM_ROWS);
}

/** Waits until a row of the Problems panel matches; returns its text. */
export function waitForProblem(page, match, options) {
  return waitForRow(page, PROBLEM_ROWS, match, { what: `a problem matching ${String(match)}`, ...options });
}

/** Waits until no row of the Problems panel matches. */
export function waitForNoProblem(page, match, options) {
  return waitForNoRow(page, PROBLEM_ROWS, match, { what: `no problem matching ${String(match)}`, ...options });
}

/** Moves the cursor of the active editor to a 1-based line and column (Ctrl+G) and checks the status bar. */
export async function goTo(page, line, column) {
  await quickInput(page, "Control+G", `:${line}:${column}`);
  await page.keyboard.press("Enter");
  await page.locator(QUICK_INPUT).waitFor({ state: "hidden" });
  await waitForText(page, ".part.statusbar", `Ln ${line}, Col ${column}`);
}

/**
 * Opens the quick fix menu at the cursor (Ctrl+.), selects the action whose title matches with the
 * arrow keys (the menu blocks mouse clicks until the pointer moves) and applies it with Enter.
 * Returns the titles that were offered.
 */
export async function applyQuickFix(page, match) {
  const test = toPredicate(match);
  await page.keyboard.press("Control+Period");
  await waitForRow(page, ACTION_ROWS, test, { what: `a quick fix matching ${String(match)}` });
  const titles = await rowTexts(page, ACTION_ROWS);
  const focused = `${ACTION_ROWS}.focused`;
  for (let moves = 0; ; moves++) {
    const current = await rowTexts(page, focused);
    if (current.length === 1 && test(current[0])) break;
    if (moves > titles.length) throw new Error(`could not select the quick fix; offered: ${titles.join(" | ")}`);
    await page.keyboard.press("ArrowDown");
  }
  await page.keyboard.press("Enter");
  await page.locator(".action-widget").waitFor({ state: "hidden" });
  return titles.map((text) => text.split("\n")[0]);
}

/** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
export async function save(page) {
  await page.keyboard.press("Control+S");
  await waitUntil(async () => !(await page.locator(ACTIVE_TAB).evaluate((tab) => tab.classList.contains("dirty"))), {
    what: "the active editor to be saved",
  });
}

/** Shows a view container contributed to the activity bar (e.g. "Migrations") without toggling it off. */
export async function showViewContainer(page, title) {
  await runCommand(page, `View: Show ${title}`);
  await waitUntil(async () => ((await page.locator(`${SIDEBAR} .composite.title`).first().innerText()) ?? "").toUpperCase().includes(title.toUpperCase()), {
    what: `the side bar to show ${title}`,
  });
}

/** Texts of the rows of the tree views in the side bar. */
export function treeRows(page) {
  return rowTexts(page, TREE_ROWS);
}

/** Waits until a row of the side bar's trees matches; returns its text. */
export function waitForTreeRow(page, match, options) {
  return waitForRow(page, TREE_ROWS, match, { what: `a side bar row matching ${String(match)}`, ...options });
}

/** The row element of the side bar's trees whose text matches (for clicks and context menus). */
export async function treeRow(page, match) {
  const test = toPredicate(match);
  const texts = await treeRows(page);
  const index = texts.findIndex(test);
  if (index < 0) throw new Error(`no side bar row matching ${String(match)}`);
  return page.locator(TREE_ROWS).nth(index);
}

/** Answers an input box (showInputBox) that is open: types the text and presses Enter. */
export async function answerInputBox(page, text) {
  const box = page.locator(QUICK_INPUT_BOX);
  await box.waitFor({ state: "visible" });
  await box.fill(text);
  const before = await quickInputState(page);
  await page.keyboard.press("Enter");
  await waitForQuickInputDone(page, before);
}

/** Picks the row of the open Quick Pick (showQuickPick) that matches. */
export function pickQuickPick(page, match, { what, timeout } = {}) {
  return pickQuickInputRow(page, match, what ?? `the quick pick to list ${String(match)}`, timeout);
}

/** Waits until the active editor tab's label satisfies `match` (a substring, RegExp or predicate); returns it. */
export async function waitForActiveTab(page, match, { timeout = TIMEOUT_MS } = {}) {
  const test = toPredicate(match);
  return waitUntil(
    async () => {
      const label = (await page.locator(ACTIVE_TAB).first().getAttribute("aria-label").catch(() => null)) ?? "";
      return test(label) ? label : undefined;
    },
    { what: `the active tab to match ${String(match)}`, timeout, describe: () => page.locator(ACTIVE_TAB).first().getAttribute("aria-label") },
  );
}

/** The content frame of the (first) webview: its page is two iframes deep in the workbench. */
export function webviewFrame(page) {
  return page.frameLocator("iframe.webview.ready").first().frameLocator("#active-frame");
}

/** Waits for the status bar to contain `text`; returns the text of the whole bar. */
export async function waitForStatusBar(page, match, { timeout = TIMEOUT_MS } = {}) {
  const test = toPredicate(match);
  return waitUntil(
    async () => {
      const text = await page.locator(".part.statusbar").innerText();
      return test(text) ? text : undefined;
    },
    { what: `the status bar to match ${String(match)}`, timeout, describe: () => page.locator(".part.statusbar").innerText() },
  );
}

/**
 * The badge on an activity bar icon or panel tab whose label starts with `title` ("Migrations",
 * "Problems"): its number (undefined without a badge) and the label, which carries the badge's tooltip.
 */
export function compositeBadge(page, title) {
  return page.evaluate((title) => {
    const labels = document.querySelectorAll(".part.activitybar .action-item .action-label, .part.panel .action-item .action-label");
    const label = [...labels].find((l) => (l.getAttribute("aria-label") ?? "").startsWith(title));
    if (!label) return undefined;
    const text = label.closest(".action-item")?.querySelector(".badge-content")?.textContent?.trim() ?? "";
    return { count: text === "" ? undefined : Number(text), label: label.getAttribute("aria-label") };
  }, title);
}

function toPredicate(match) {
  if (typeof match === "function") return match;
  if (match instanceof RegExp) return (text) => match.test(text);
  return (text) => text.includes(match);
}
