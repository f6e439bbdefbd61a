import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const CLI = path.resolve("dist", "cli.js");
// npm's own settings from `npm run` would point the commands below at this project's cache and config.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_")));
const npm = (args: string[], cwd: string) => spawnSync("npm", args, { cwd, env, encoding: "utf8" });

before(() => {
  if (!fs.existsSync(CLI)) spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
});

test("the npm tarball installs offline in a clean folder, and `npx migration-lens check` works from there", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-tarball-"));
  // --ignore-scripts: pack the dist/ already built instead of rebuilding it under the other tests' feet.
  const packed = npm(["pack", "--ignore-scripts", "--json", "--pack-destination", folder], process.cwd());
  assert.equal(packed.status, 0, packed.stderr);
  const [pack] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  assert.ok(pack);
  const files = pack.files.map((f) => f.path);
  for (const needed of ["package.json", "README.md", "dist/cli.js", "dist/libpg-query.wasm", "dist/pglite.wasm", "dist/pglite.data", "dist/initdb.wasm", "dist/pglite/citext.tar.gz"]) assert.ok(files.includes(needed), `${needed} in ${files.join(", ")}`);
  assert.deepEqual(
    files.filter((f) => /^(test|server|client|scripts|examples|node_modules)\/|\.map$/.test(f)),
    [],
    "no sources, tests, source maps or node_modules in the tarball",
  );

  // An empty cache and --offline: the install fails if it needs anything beyond the tarball.
  const project = path.join(folder, "project");
  fs.mkdirSync(project);
  const installed = npm(["install", "--offline", "--no-audit", "--no-fund", "--cache", path.join(folder, "cache"), path.join(folder, pack.filename)], project);
  assert.equal(installed.status, 0, installed.stderr);
  assert.deepEqual(fs.readdirSync(path.join(project, "node_modules")).filter((name) => !name.startsWith(".")), ["migration-lens"]);

  fs.cpSync(path.resolve("examples", "blog"), path.join(project, "blog"), { recursive: true });
  const npx = (args: string[]) => spawnSync("npx", ["--offline", "--cache", path.join(folder, "cache"), "migration-lens", ...args], { cwd: project, env, encoding: "utf8" });
  const version = npx(["--version"]);
  assert.equal(version.stdout, `migration-lens ${JSON.parse(fs.readFileSync("package.json", "utf8")).version}\n`, version.stderr);
  const checked = npx(["check", "blog"]);
  assert.equal(checked.status, 1, checked.stderr);
  assert.ok(
    checked.stdout.includes(
      "blog/alembic/versions/3c4d5e6f7081_add_post_slug.py:14:18 error unknown-revision down_revision names '2b3c4d5e6f7', but no revision in this set has that id",
    ),
    checked.stdout,
  );
  // The installed copy reports exactly what this checkout's build does.
  const local = spawnSync(process.execPath, [CLI, "check", "blog"], { cwd: project, encoding: "utf8" });
  assert.equal(checked.stdout, local.stdout);
  // The embedded PostgreSQL of `verify` runs from the installed copy, with an extension it ships.
  fs.cpSync(path.resolve("test/fixtures/schema-ddl/prisma-renames"), path.join(project, "renames"), { recursive: true });
  const verified = npx(["verify", "renames"]);
  assert.equal(verified.status, 0, verified.stderr + verified.stdout);
  assert.match(verified.stdout, /3 of 3 revision\(s\) ran on the embedded PostgreSQL \(PGlite\); 0 rejected, 0 mismatch\(es\)/);
  fs.rmSync(folder, { recursive: true, force: true });
});
