// The programs `npm test` asks besides Node: the real tools that judge the analysis (Alembic,
// Neovim, pre-commit) and the browser that drives the real VS Code. Finds them, installs what is missing
// from Debian's packages when this machine can (root or passwordless sudo, apt-get), and
// otherwise names the packages and stops before a suite fails halfway for a reason that is not
// a bug.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

/** Each tool: how to find it, its Debian package, and whether the tests can run without it. */
const TOOLS = [
  { what: "Chromium (end-to-end suite)", found: () => existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"), pkg: "chromium", required: true },
  { what: "ripgrep (VS Code's search, end-to-end suite)", found: () => onPath("rg"), pkg: "ripgrep", required: true },
  { what: "Alembic 1.8 under /usr/bin/python3 (graph, git and fix tests)", found: () => ok("/usr/bin/python3", ["-c", "import alembic"]), pkg: "python3-alembic", required: true },
  { what: "PostgreSQL's server (verify --database-url tests)", found: () => existsSync("/usr/lib/postgresql") && readdirSync("/usr/lib/postgresql").some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/postgres`)), pkg: "postgresql", required: true },
  { what: "Neovim (the other-editor test; skipped without it)", found: () => onPath("nvim"), pkg: "neovim", required: false },
  { what: "pre-commit (the hook's test; skipped without it)", found: () => onPath("pre-commit"), pkg: "pre-commit", required: false },
];

function ok(command, args) {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

function onPath(command) {
  return ok("sh", ["-c", `command -v ${command}`]);
}

function aptGet() {
  if (!onPath("apt-get")) return undefined;
  if (process.getuid?.() === 0) return [];
  return ok("sudo", ["-n", "true"]) ? ["sudo", "-n"] : undefined;
}

const missing = TOOLS.filter((tool) => !tool.found());
if (missing.length === 0) process.exit(0);

const packages = missing.map((tool) => tool.pkg);
const prefix = aptGet();
if (prefix !== undefined) {
  console.log(`Installing from Debian's packages what the tests need: ${packages.join(" ")}`);
  const run = (args) => {
    const [command, ...rest] = [...prefix, "apt-get", ...args];
    return spawnSync(command, rest, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
  };
  if (run(["update", "-qq"])) run(["install", "-y", "-qq", ...packages]);
}

const stillMissing = missing.filter((tool) => !tool.found());
for (const tool of stillMissing) console.error(`${tool.required ? "missing" : "not found"}: ${tool.what} — Debian package '${tool.pkg}'`);
if (stillMissing.some((tool) => tool.required)) {
  console.error(`npm test needs these programs; install them (e.g. apt-get install ${stillMissing.map((tool) => tool.pkg).join(" ")}) and run it again.`);
  process.exit(1);
}
