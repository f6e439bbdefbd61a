import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Hover } from "vscode-languageserver-protocol";
import { SchemaAtRequest } from "../../server/src/protocol";
import { LspClient } from "../support/lspClient";

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "ml-lsp-schema-"));
const root = path.join(workspace, "backend", "alembic");
const versions = path.join(root, "versions");
const run115 = path.join(versions, "115_add_inflection_point_metadata.py");
const run065 = path.join(versions, "065_run_authorization.py");
const uri = (file: string): string => `file://${file}`;
let client: LspClient;

before(async () => {
  fs.cpSync(path.resolve("test/fixtures/schema/seed-002-dropped-and-missing-tables"), workspace, { recursive: true });
  fs.rmSync(path.join(workspace, "expected.txt"));
  client = await LspClient.start(workspace);
  await client.waitFor("table-dropped-earlier in 115", () => client.codes(run115).includes("table-dropped-earlier"));
});
after(async () => {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test("hover on a table name shows the table as it stands after that operation", async () => {
  // `op.add_column("incidents", ...)` on line 15 of 115.
  const hover = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: uri(run115) }, position: { line: 14, character: 22 } })) as Hover;
  const text = (hover.contents as { value: string }).value;
  assert.match(text, /^\*\*incidents\*\* — after this statement/);
  assert.match(text, /\| inflection_step_index \| integer \| yes \|/);
  assert.match(text, /\| source \| varchar\(32\) \| NOT NULL \| 'sdsr' \|/);
  assert.match(text, /Created by `075_consolidate_incidents` \(versions\/075_consolidate_incidents\.py:\d+\)/);
});

test("hover on a dropped table says so", async () => {
  const hover = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: uri(run115) }, position: { line: 13, character: 22 } })) as Hover;
  assert.match((hover.contents as { value: string }).value, /\*\*sdsr_incidents\*\* does not exist at this point/);
});

test("the schema at a revision comes back as DDL", async () => {
  const { ddl } = await client.connection.sendRequest(SchemaAtRequest, { root, revision: "075_consolidate_incidents" });
  assert.match(ddl, /CREATE TABLE incidents \(\n  id serial NOT NULL,\n  title text NOT NULL,\n  source varchar\(32\) NOT NULL DEFAULT 'sdsr'/);
  assert.doesNotMatch(ddl, /CREATE TABLE sdsr_incidents/);
  assert.match(ddl, /CREATE TABLE workflow_checkpoints/);
});

test("editor settings apply at once: external tables and a rule turned off", async () => {
  await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { migrationLens: { externalTables: ["runs"], rules: { "drop-table": "off" } } } });
  await client.waitFor("runs no longer missing", () => !client.codes(run065).includes("table-not-found"));
  const dropped = path.join(versions, "075_consolidate_incidents.py");
  await client.waitFor("drop-table off", () => !client.codes(dropped).includes("drop-table"));
});

test("a config file written on disk wins over the editor settings", async () => {
  fs.writeFileSync(path.join(workspace, "backend", ".migration-lens.toml"), 'external-tables = []\n[rules]\n"drop-table" = "error"\n');
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(path.join(workspace, "backend", ".migration-lens.toml")), type: 1 }] });
  const dropped = path.join(versions, "075_consolidate_incidents.py");
  await client.waitFor("runs missing again", () => client.codes(run065).includes("table-not-found"));
  await client.waitFor("drop-table is an error", () => (client.diagnostics.get(uri(dropped)) ?? []).some((d) => d.code === "drop-table" && d.severity === 1));
});
