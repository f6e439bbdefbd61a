// One esbuild script for everything that ships: the extension client (vscode is provided by the
// host), the language server and the CLI (fully bundled, so the VSIX needs no node_modules).
import * as esbuild from "esbuild";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const production = process.argv.includes("--production");
const { version, homepage } = JSON.parse(readFileSync("package.json", "utf8"));
// pg's optional native binding is never used (pg-native is not installed).
const common = { bundle: true, platform: "node", target: "node20", format: "cjs", sourcemap: !production, minify: production, logLevel: "warning", external: ["pg-native"] };
// The parse cache trusts only readings made by the same analyser: a digest of what is bundled.
const build = createHash("sha256");
for (const file of ["package-lock.json", ...readdirSync("server/src", { recursive: true }).map(String).sort().map((f) => join("server/src", f))]) {
  if (file === "package-lock.json" || file.endsWith(".ts")) build.update(file).update("\0").update(readFileSync(file)).update("\0");
}
const analyser = { MIGRATION_LENS_BUILD: JSON.stringify(`${version}+${build.digest("hex").slice(0, 16)}`) };
// ES modules bundled into CommonJS (PGlite) find their files through import.meta.url: the bundle's own.
const importMeta = { define: { "import.meta.url": "__bundleUrl" }, banner: { js: "#!/usr/bin/env node\nconst __bundleUrl = require(\"node:url\").pathToFileURL(__filename).href;" } };

await Promise.all([
  esbuild.build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/client.js", external: ["vscode"] }),
  // The server is a bin too (migration-lens-server --stdio), for editors other than VS Code.
  esbuild.build({ ...common, ...importMeta, define: { ...importMeta.define, ...analyser }, entryPoints: ["server/src/lsp/main.ts"], outfile: "dist/server.js" }),
  // dist/cli.js is a small launcher that runs the CLI's bundle with V8's code cache.
  esbuild.build({ ...common, define: analyser, entryPoints: ["server/src/cli/launch.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } }),
  esbuild.build({
    ...common,
    ...importMeta,
    entryPoints: ["server/src/cli/bin.ts"],
    outfile: "dist/cli-main.js",
    // Run by the launcher, not as a program: no #! line.
    banner: { js: importMeta.banner.js.replace(/^#!.*\n/, "") },
    define: { ...importMeta.define, ...analyser, MIGRATION_LENS_VERSION: JSON.stringify(version), MIGRATION_LENS_HOMEPAGE: JSON.stringify(homepage) },
  }),
]);
chmodSync("dist/cli.js", 0o755);
chmodSync("dist/server.js", 0o755);
// PostgreSQL's parser (libpg-query) loads its WebAssembly from beside the bundle that uses it.
copyFileSync("node_modules/libpg-query/wasm/libpg-query.wasm", "dist/libpg-query.wasm");
// The embedded PostgreSQL of `verify` (PGlite) loads its WebAssembly and data from beside the
// bundle, and the contrib extensions a migration creates from dist/pglite.
const pglite = "node_modules/@electric-sql/pglite/dist";
for (const file of ["pglite.wasm", "pglite.data", "initdb.wasm"]) copyFileSync(`${pglite}/${file}`, `dist/${file}`);
mkdirSync("dist/pglite", { recursive: true });
for (const file of readdirSync(pglite).filter((f) => f.endsWith(".tar.gz"))) copyFileSync(`${pglite}/${file}`, `dist/pglite/${file}`);
// initdb in WebAssembly takes seconds each time PGlite starts: the data directory it makes is
// dumped once here (per PGlite version) and loaded by `verify` instead.
const { version: pgliteVersion } = JSON.parse(readFileSync("node_modules/@electric-sql/pglite/package.json", "utf8"));
const stamp = "dist/pglite-datadir.version";
if (!existsSync("dist/pglite-datadir.tar.gz") || !existsSync(stamp) || readFileSync(stamp, "utf8") !== pgliteVersion) {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create();
  writeFileSync("dist/pglite-datadir.tar.gz", Buffer.from(await (await db.dumpDataDir("gzip")).arrayBuffer()));
  await db.close();
  writeFileSync(stamp, pgliteVersion);
}
