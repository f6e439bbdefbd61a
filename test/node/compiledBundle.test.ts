import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const RUNNER = path.resolve("server/src/node/compiledBundle.ts");

/** Runs `bundle` through runCompiled in a new process, as the CLI's launcher does. */
function run(bundle: string, folder: string, build: string): string {
  const script = `require(${JSON.stringify(RUNNER)}).runCompiled(${JSON.stringify(bundle)}, ${JSON.stringify(folder)}, ${JSON.stringify(build)})`;
  const child = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8" });
  assert.equal(child.status, 0, child.stderr);
  return child.stdout;
}

test("a bundle runs with V8's code cache kept beside the readings; a changed bundle never runs another's code", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-code-cache-"));
  const bundle = path.join(folder, "bundle.js");
  fs.writeFileSync(bundle, "console.log(require('node:path').basename(__filename), typeof module.exports, 'first');\n");
  assert.equal(run(bundle, folder, "build-1"), "bundle.js object first\n");
  const kept = fs.readdirSync(path.join(folder, "v8"));
  assert.equal(kept.length, 1, "the code cache is written at exit");
  assert.equal(run(bundle, folder, "build-1"), "bundle.js object first\n");
  assert.deepEqual(fs.readdirSync(path.join(folder, "v8")), kept, "an accepted cache is not written again");

  // Same length, other text: V8 alone would take the old code for it.
  fs.writeFileSync(bundle, "console.log(require('node:path').basename(__filename), typeof module.exports, 'other');\n");
  fs.utimesSync(bundle, new Date(), new Date(Date.now() + 5000));
  assert.equal(run(bundle, folder, "build-1"), "bundle.js object other\n");
  assert.equal(run(bundle, folder, "build-2"), "bundle.js object other\n");
  assert.equal(fs.readdirSync(path.join(folder, "v8")).length, 1, "an older build's code cache is removed");
});
