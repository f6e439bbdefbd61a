// The same check as the code-server e2e suite, in a desktop VS Code downloaded by @vscode/test-electron
// (for machines with internet access). Usage: node test/electron/runTests.mjs
// Linux without a display: re-runs itself under `xvfb-run -a` when that is installed.
// Env: VSCODE_VERSION (default "stable"; e.g. "1.96.4" to match the code-server host).
// When VS Code cannot be downloaded, prints "electron suite skipped: ..." and exits 0.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { downloadAndUnzipVSCode, runTests } from "@vscode/test-electron";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const version = process.env.VSCODE_VERSION ?? "stable";

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: join(repo, ".vscode-test"), timeout: 30_000 });
} catch (error) {
  const reason = String(error?.message ?? error).split("\n")[0];
  console.log(`electron suite skipped: VS Code could not be downloaded (${reason})`);
  process.exit(0);
}

const needsDisplay = process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (needsDisplay && !process.env.ML_UNDER_XVFB && spawnSync("which", ["xvfb-run"]).status === 0) {
  const run = spawnSync("xvfb-run", ["-a", process.execPath, fileURLToPath(import.meta.url)], {
    stdio: "inherit",
    env: { ...process.env, ML_UNDER_XVFB: "1" },
  });
  process.exit(run.status ?? 1);
}
if (needsDisplay) console.log("electron suite: no DISPLAY and no xvfb-run; VS Code may fail to start (apt-get install -y xvfb)");

execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repo, stdio: "inherit" });
const tmp = mkdtempSync(join(tmpdir(), "migration-lens-electron-"));
const workspace = join(tmp, "blog");
cpSync(join(repo, "examples/blog"), workspace, { recursive: true });
let code = 1;
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(here, "suite/index.cjs"),
    launchArgs: [workspace, "--disable-extensions", "--disable-telemetry", "--user-data-dir", join(tmp, "user-data")],
  });
  code = 0;
  console.log("electron: passed");
} catch (error) {
  console.log(`electron: failed (${error?.message ?? error})`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
