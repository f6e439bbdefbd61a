import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SetsRequest } from "../../server/src/protocol";
import { LspClient } from "../support/lspClient";

// The blog example one level down, so that a path from the workspace folder
// (services/blog/alembic/versions/…) differs from one from alembic.ini's folder or the set's root.
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "ml-lsp-settings-"));
const versions = path.join(workspace, "services", "blog", "alembic", "versions");
const slug = path.join(versions, "3c4d5e6f7081_add_post_slug.py");
const userName = path.join(versions, "4d5e6f708192_add_user_name.py");
let client: LspClient;

const configure = (settings: object): Promise<void> =>
  client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { migrationLens: settings } });

async function revisionIds(): Promise<string[]> {
  const { sets } = await client.connection.sendRequest(SetsRequest, undefined);
  return sets.flatMap((s) => s.revisions.map((r) => r.id)).sort();
}

before(async () => {
  fs.cpSync(path.resolve("examples/blog"), path.join(workspace, "services", "blog"), { recursive: true });
  client = await LspClient.start(workspace);
  await client.waitFor("the first analysis", () => client.codes(slug).includes("unknown-revision"));
});
after(async () => {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test("migrationLens.exclude: globs relative to the workspace folder leave files out", async () => {
  await configure({ exclude: ["services/*/alembic/versions/3c4d*"] });
  await client.waitFor("the excluded file's diagnostics cleared", () => client.codes(slug).length === 0);
  // Its child now names a revision the analysis no longer has.
  await client.waitFor("unknown-revision on its child", () => client.codes(userName).includes("unknown-revision"));
  assert.deepEqual(await revisionIds(), ["1a2b3c4d5e6f", "2b3c4d5e6f70", "4d5e6f708192"]);
});

test("migrationLens.include: only the files it names are analysed", async () => {
  await configure({ include: ["services/blog/alembic/versions/{1a2b,2b3c}*.py"] });
  await client.waitFor("only two revisions left", () => client.codes(slug).length === 0 && client.codes(userName).length === 0);
  assert.deepEqual(await revisionIds(), ["1a2b3c4d5e6f", "2b3c4d5e6f70"]);
});

test("a config file's globs stay relative to its own folder", async () => {
  const config = path.join(workspace, "services", "blog", ".migration-lens.toml");
  fs.writeFileSync(config, 'include = ["alembic/versions/*.py"]\nexclude = ["alembic/versions/4d5e*"]\n');
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: `file://${config}`, type: 1 }] });
  // The file wins over the editor's include, key by key: every revision but the one it excludes.
  await client.waitFor("the slug revision back", () => client.codes(slug).includes("unknown-revision"));
  assert.deepEqual(await revisionIds(), ["1a2b3c4d5e6f", "2b3c4d5e6f70", "3c4d5e6f7081"]);
});

test("empty settings analyse everything again", async () => {
  fs.rmSync(path.join(workspace, "services", "blog", ".migration-lens.toml"));
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: `file://${path.join(workspace, "services", "blog", ".migration-lens.toml")}`, type: 3 }] });
  await configure({ include: [], exclude: [] });
  await client.waitFor("multiple-heads back on the user-name revision", () => client.codes(userName).includes("multiple-heads"));
  assert.equal((await revisionIds()).length, 4);
});
