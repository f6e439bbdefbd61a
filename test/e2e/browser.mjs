// Headless Chromium (Debian's /usr/bin/chromium, or $CHROMIUM_PATH) driven by playwright-core.
import { chromium } from "playwright-core";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Launches the browser and opens one page; returns { browser, page }. */
export async function launchBrowser({ timeout, consoleLog } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ARGS,
    timeout,
    // run.mjs handles signals itself (it must also stop code-server); Playwright's own SIGINT
    // handler would exit the process as soon as the browser is closed.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  if (consoleLog) {
    page.on("console", (message) => consoleLog(`[console.${message.type()}] ${message.text()}`));
    page.on("pageerror", (error) => consoleLog(`[pageerror] ${error.message}`));
  }
  return { browser, page };
}
