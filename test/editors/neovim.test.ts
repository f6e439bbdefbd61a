import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// Debian's Neovim (0.7), which .ci/run installs: the server as an editor other than VS Code runs it.
const NVIM = "nvim";
const hasNeovim = spawnSync(NVIM, ["--version"]).status === 0;
const SERVER = path.resolve("dist", "server.js");
const LIMIT_MS = 60_000;

const MERGE = `"""merge heads

Revision ID: 4d5e6f708192
Revises: 2b3c4d5e6f70, 3c4d5e6f7081
"""

revision = "4d5e6f708192"
down_revision = ("2b3c4d5e6f70", "3c4d5e6f7081")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
`;

interface NeovimResults {
  errors: string[];
  before?: string[];
  applied?: string;
  docstring?: string;
  fixed?: string[];
  merged?: string[];
}

test(
  "Neovim 0.7 headless: diagnostics arrive, a quick fix applies, and a merge revision written on disk by another process clears multiple-heads",
  { skip: hasNeovim ? false : "Neovim (nvim) is not installed here and could not be: npm test installs Debian's neovim where it can (scripts/system-tools.mjs)" },
  async () => {
    if (!fs.existsSync(SERVER)) spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ml-neovim-"));
    const project = path.join(scratch, "project");
    fs.cpSync(path.resolve("test/editors/two-heads"), project, { recursive: true });
    const versions = path.join(project, "alembic", "versions");
    const resultsFile = path.join(scratch, "results.json");
    const nvim = spawn(NVIM, ["--headless", "--clean", "-u", path.resolve("test/editors/neovim.lua")], {
      cwd: project,
      env: {
        ...process.env,
        ML_NODE: process.execPath,
        ML_SERVER: SERVER,
        ML_PROJECT: project,
        ML_FILE: path.join(versions, "3c4d5e6f7081_add_user_name.py"),
        ML_RESULTS: resultsFile,
        // Neovim's LSP log and state stay in the scratch folder.
        XDG_STATE_HOME: scratch,
        XDG_CACHE_HOME: scratch,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    nvim.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // The Lua side says when its quick fix is in; the merge is written only then.
    nvim.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("fixed")) fs.writeFileSync(path.join(versions, "4d5e6f708192_merge_heads.py"), MERGE);
    });
    const deadline = setTimeout(() => nvim.kill(), LIMIT_MS);
    const code = await new Promise<number | null>((resolve) => nvim.once("exit", resolve));
    clearTimeout(deadline);
    try {
      assert.ok(fs.existsSync(resultsFile), `Neovim wrote no results (exit ${code}): ${stderr}`);
      const results = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as NeovimResults;
      assert.deepEqual(results.errors, []);
      assert.deepEqual(results.before, [
        "2b3c4d5e6f70_create_posts.py multiple-heads",
        "3c4d5e6f7081_add_user_name.py multiple-heads",
        "3c4d5e6f7081_add_user_name.py stale-revises-docstring",
      ]);
      assert.equal(results.applied, "Rewrite the docstring line as 'Revises: 1a2b3c4d5e6f'");
      assert.equal(results.docstring, "Revises: 1a2b3c4d5e6f");
      assert.deepEqual(results.fixed, ["2b3c4d5e6f70_create_posts.py multiple-heads", "3c4d5e6f7081_add_user_name.py multiple-heads"]);
      assert.deepEqual(results.merged, []);
      // Neovim logs failed requests and server errors here (warnings and errors only, by default).
      const log = path.join(scratch, "nvim", "lsp.log");
      const logged = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter((l) => l.includes("[ERROR]")) : [];
      assert.deepEqual(logged, []);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  },
);
