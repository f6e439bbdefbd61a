// Page helpers for the VS Code workbench (1.96, as served by code-server), driven through the UI the
// way a person would: keyboard shortcuts, Quick Open, the command palette, the Problems panel.
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

/** Clicks the first rendered row of the open Quick Input that matches `match`. */
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
  await page.locator(QUICK_INPUT_ROWS).nth(index - 1).click();
  await page.locator(QUICK_INPUT).waitFor({ state: "hidden" });
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

function toPredicate(match) {
  if (typeof match === "function") return match;
  if (match instanceof RegExp) return (text) => match.test(text);
  return (text) => text.includes(match);
}
