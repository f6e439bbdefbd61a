// The VS Code host for the end-to-end suite: code-server 4.96.4 (= VS Code 1.96.4) installed by
// scripts/vscode-host.sh. Installs a VSIX into an extensions dir, starts code-server on loopback and
// stops it (and every process it started) by its process group id.
import { execFileSync, spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, waitUntil } from "./util.mjs";

/** Runs scripts/vscode-host.sh (idempotent) and returns the path of code-server's entry.js. */
export function ensureHost(repo) {
  const out = execFileSync("bash", [join(repo, "scripts/vscode-host.sh")], {
    cwd: repo,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return out.trim().split("\n").pop();
}

/** Installs a VSIX into `extensionsDir`; returns the installed extension ids. */
export function installExtension({ entry, vsix, extensionsDir, userDataDir }) {
  const common = ["--user-data-dir", userDataDir, "--extensions-dir", extensionsDir];
  execFileSync(process.execPath, [entry, ...common, "--install-extension", vsix], { stdio: ["ignore", "pipe", "pipe"] });
  const list = execFileSync(process.execPath, [entry, ...common, "--list-extensions"], { encoding: "utf8" });
  return list.split("\n").map((line) => line.trim()).filter(Boolean);
}

/** Writes user settings that keep the workbench quiet and predictable for tests. */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = join(userDataDir, "User");
  mkdirSync(dir, { recursive: true });
  const settings = {
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "workbench.welcomePage.walkthroughs.openOnInstall": false,
    "security.workspace.trust.enabled": false,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoUpdate": false,
    "extensions.autoCheckUpdates": false,
    "extensions.ignoreRecommendations": true,
    "files.autoSave": "off",
    "editor.minimap.enabled": false,
    "chat.commandCenter.enabled": false,
    ...extra,
  };
  writeFileSync(join(dir, "settings.json"), JSON.stringify(settings, null, 2));
}

/**
 * Starts code-server in its own process group and waits until it answers HTTP.
 * Returns { url, pid, stop() }; stop() ends the whole group (server, extension host, pty host).
 */
export async function startCodeServer({ entry, folder, userDataDir, extensionsDir, logFile, timeout }) {
  const port = await freePort();
  const log = openSync(logFile, "a");
  const args = [
    entry,
    "--auth", "none",
    "--bind-addr", `127.0.0.1:${port}`,
    "--user-data-dir", userDataDir,
    "--extensions-dir", extensionsDir,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    folder,
  ];
  const child = spawn(process.execPath, args, { detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  let exited = null;
  child.on("exit", (code, signal) => (exited = { code, signal }));
  const url = `http://127.0.0.1:${port}`;
  // Last resort if the runner exits without calling stop() (an uncaught error, process.exit).
  const killOnExit = () => { try { process.kill(-child.pid, "SIGKILL"); } catch {} };
  process.on("exit", killOnExit);

  const stop = async () => {
    process.off("exit", killOnExit);
    if (!groupAlive(child.pid)) return;
    try { process.kill(-child.pid, "SIGTERM"); } catch {}
    try {
      await waitUntil(() => !groupAlive(child.pid), { what: "code-server to exit", timeout: 10_000, interval: 100 });
    } catch {
      try { process.kill(-child.pid, "SIGKILL"); } catch {}
    }
  };

  try {
    await waitUntil(
      async () => {
        if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}); see ${logFile}`);
        const response = await fetch(`${url}/healthz`).catch(() => null);
        return response?.ok;
      },
      { what: `code-server to answer on ${url}`, timeout },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid, stop };
}

/** True while any process of the group led by `pgid` is alive. */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
