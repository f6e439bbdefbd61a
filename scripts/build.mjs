// One esbuild script for everything that ships: the extension client (vscode is provided by the
// host), the language server and the CLI (fully bundled, so the VSIX needs no node_modules).
import * as esbuild from "esbuild";
import { chmodSync, copyFileSync, readFileSync } from "node:fs";

const production = process.argv.includes("--production");
const { version, homepage } = JSON.parse(readFileSync("package.json", "utf8"));
const common = { bundle: true, platform: "node", target: "node20", format: "cjs", sourcemap: !production, minify: production, logLevel: "warning" };

await Promise.all([
  esbuild.build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/client.js", external: ["vscode"] }),
  // The server is a bin too (migration-lens-server --stdio), for editors other than VS Code.
  esbuild.build({ ...common, entryPoints: ["server/src/lsp/main.ts"], outfile: "dist/server.js", banner: { js: "#!/usr/bin/env node" } }),
  esbuild.build({ ...common, entryPoints: ["server/src/cli/bin.ts"], outfile: "dist/cli.js", define: { MIGRATION_LENS_VERSION: JSON.stringify(version), MIGRATION_LENS_HOMEPAGE: JSON.stringify(homepage) }, banner: { js: "#!/usr/bin/env node" } }),
]);
chmodSync("dist/cli.js", 0o755);
chmodSync("dist/server.js", 0o755);
// PostgreSQL's parser (libpg-query) loads its WebAssembly from beside the bundle that uses it.
copyFileSync("node_modules/libpg-query/wasm/libpg-query.wasm", "dist/libpg-query.wasm");
