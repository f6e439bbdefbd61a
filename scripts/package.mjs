// Builds the production bundles and packs the VSIX (bundles only, no node_modules), then prints its size.
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";

const out = "dist/migration-lens.vsix";
execFileSync(process.execPath, ["scripts/build.mjs", "--production"], { stdio: "inherit" });
execFileSync(
  process.execPath,
  ["node_modules/@vscode/vsce/vsce", "package", "--no-dependencies", "--allow-missing-repository", "--skip-license", "--no-rewrite-relative-links", "--out", out],
  { stdio: "inherit" },
);
console.log(`${out}: ${(statSync(out).size / 1024).toFixed(1)} KiB`);
