// End-to-end suite: the packaged extension in a real VS Code (code-server 4.96.4 = VS Code 1.96.4)
// driven through headless Chromium. Usage: node test/e2e/run.mjs [substring of case file names...]
//
// Steps: install the host (scripts/vscode-host.sh), `npm run package`, install the VSIX into a temp
// extensions dir, copy examples/blog to a temp workspace, start code-server on loopback, open the
// folder in Chromium, run test/e2e/cases/*.mjs in name order (they share one window), and always
// stop the browser and code-server. Screenshots and logs go to test-output/e2e/.
// Env: E2E_TIMEOUT_MS (per wait, default 120000), E2E_KEEP_TMP=1 (keep the temp dirs),
// CHROMIUM_PATH (default /usr/bin/chromium), VSCODE_HOST_DIR (default .cache/vscode-host),
// E2E_SKIP_PACKAGE=1 (reuse an existing dist/migration-lens.vsix instead of `npm run package`).
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchBrowser } from "./browser.mjs";
import { ensureHost, installExtension, startCodeServer, writeUserSettings } from "./host.mjs";
import { TIMEOUT_MS } from "./util.mjs";
import { waitForWorkbench } from "./workbench.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const out = join(repo, "test-output/e2e");
const vsix = join(repo, "dist/migration-lens.vsix");
const EXTENSION_ID = "migration-lens.migration-lens";
const started = Date.now();

const casesDir = join(here, "cases");
const filters = process.argv.slice(2);
const caseFiles = readdirSync(casesDir)
  .filter((file) => file.endsWith(".mjs"))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

let browser;
let server;
let tmp;
let stopping = false;
const cleanup = async () => {
  stopping = true;
  const b = browser, s = server;
  browser = server = undefined;
  await b?.close().catch(() => {});
  await s?.stop().catch(() => {});
  if (tmp && !process.env.E2E_KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, () => {
    console.log(`e2e: ${signal}, stopping the browser and code-server`);
    cleanup().finally(() => process.exit(130));
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
let page;
const screenshot = async (name) => {
  const path = join(out, `${name}.png`);
  if (stopping) return path;
  await page?.screenshot({ path }).catch((error) => console.error(`  (screenshot ${name} failed: ${error.message})`));
  return path;
};

async function setUp() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const entry = ensureHost(repo);

  if (process.env.E2E_SKIP_PACKAGE && existsSync(vsix)) {
    console.log(`e2e: E2E_SKIP_PACKAGE set, reusing ${relative(repo, vsix)}`);
  } else {
    const pack = spawnSync("npm", ["run", "package"], { cwd: repo, encoding: "utf8" });
    if (pack.status !== 0) throw new Error(`npm run package failed:\n${pack.stdout}${pack.stderr}`);
  }

  tmp = mkdtempSync(join(tmpdir(), "migration-lens-e2e-"));
  const userDataDir = join(tmp, "user-data");
  const extensionsDir = join(tmp, "extensions");
  const workspace = join(tmp, "blog");
  const installed = installExtension({ entry, vsix, extensionsDir, userDataDir });
  if (!installed.includes(EXTENSION_ID)) throw new Error(`${EXTENSION_ID} not installed (got: ${installed.join(", ")})`);
  cpSync(join(repo, "examples/blog"), workspace, { recursive: true });
  writeUserSettings(userDataDir);
  console.log(`e2e: host ready, ${relative(repo, vsix)} installed, workspace ${workspace}`);

  server = await startCodeServer({
    entry, folder: workspace, userDataDir, extensionsDir, timeout: TIMEOUT_MS, logFile: join(out, "code-server.log"),
  });
  const consoleLog = (line) => appendFileSync(join(out, "browser-console.log"), `${line}\n`);
  ({ browser, page } = await launchBrowser({ timeout: TIMEOUT_MS, consoleLog }));
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await waitForWorkbench(page);
  await screenshot("00-workbench");
  console.log(`e2e: workbench loaded at ${server.url} after ${seconds(Date.now() - started)}`);
  return { workspace };
}

async function runCase(file, index, env) {
  const { default: testCase } = await import(pathToFileURL(join(casesDir, file)).href);
  const prefix = `${String(index + 1).padStart(2, "0")}-${slug(file.replace(/^\d+-/, "").replace(/\.mjs$/, ""))}`;
  let stepNo = 0;
  const step = async (name, fn) => {
    const result = await fn();
    await screenshot(`${prefix}-${String(++stepNo).padStart(2, "0")}-${slug(name)}`);
    return result;
  };
  const log = (line) => console.log(`       ${line}`);
  const t0 = Date.now();
  try {
    await testCase.run({ page, step, log, workspace: env.workspace, repo });
    console.log(`ok   ${testCase.name} (${seconds(Date.now() - t0)})`);
    return true;
  } catch (error) {
    const shot = await screenshot(`${prefix}-FAILED`);
    console.log(`FAIL ${testCase.name} (${seconds(Date.now() - t0)}): ${error.message}`);
    console.log(`       screenshot: ${relative(repo, shot)}`);
    return false;
  }
}

let passed = 0;
let failed = 0;
try {
  const env = await setUp();
  for (const [index, file] of caseFiles.entries()) {
    if (await runCase(file, index, env)) passed++;
    else failed++;
  }
} catch (error) {
  await screenshot("setup-FAILED");
  console.log(`FAIL setup: ${error.stack ?? error}`);
  failed = Math.max(caseFiles.length - passed, 1);
} finally {
  await cleanup();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
