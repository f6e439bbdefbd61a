import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { VerifyProgressNotification, VerifyRequest, type VerifyProgress } from "../../server/src/protocol";
import { LspClient } from "../support/lspClient";

// "Verify on PostgreSQL" through the real server over stdio: PostgreSQL's findings are published
// beside the analysis's with source PostgreSQL, progress is sent, and an edit drops them.
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "ml-lsp-verify-"));
const note = path.join(workspace, "alembic", "versions", "c3_note.py");
const uri = `file://${note}`;
let client: LspClient;

before(async () => {
  fs.cpSync(path.resolve("test/fixtures/verify/alembic"), path.join(workspace, "alembic"), { recursive: true });
  client = await LspClient.start(workspace);
  // The first analysis is published (the set is healthy: an empty list for the file).
  await client.waitFor("the first analysis", () => client.diagnostics.has(uri));
});
after(async () => {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test("verify runs the set on PostgreSQL, reports progress, and publishes what PostgreSQL found with source PostgreSQL", async () => {
  const progress: VerifyProgress[] = [];
  client.connection.onNotification(VerifyProgressNotification, (p: VerifyProgress) => progress.push(p));
  const result = await client.connection.sendRequest(VerifyRequest, { roundtrip: true });
  assert.equal(result.cancelled, false);
  assert.deepEqual(
    result.sets.map((s) => [path.basename(s.root), s.revisions, s.verified, s.rejected, s.mismatches]),
    [["alembic", 3, 3, 0, 1]],
  );
  assert.ok(progress.some((p) => p.done === 3 && p.total === 3), JSON.stringify(progress));
  await client.waitFor("the downgrade mismatch", () => client.codes(note).includes("downgrade-mismatch"));
  const diagnostic = client.diagnostics.get(uri)?.find((d) => d.code === "downgrade-mismatch");
  assert.equal(diagnostic?.source, "PostgreSQL");
  assert.equal(diagnostic?.range.start.line, 19);
});

test("editing the file drops what PostgreSQL said about its old text", async () => {
  const text = fs.readFileSync(note, "utf8");
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "python", version: 1, text } });
  await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: text.replace("# Forgets", "# Still forgets") }] });
  await client.waitFor("the verify finding gone", () => !client.codes(note).includes("downgrade-mismatch"));
});
