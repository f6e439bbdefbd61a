import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CodeAction, CreateFile, TextDocumentEdit } from "vscode-languageserver-protocol";
import { LspClient } from "../support/lspClient";

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "ml-lsp-"));
const versions = path.join(workspace, "alembic", "versions");
const slug = path.join(versions, "3c4d5e6f7081_add_post_slug.py");
const userName = path.join(versions, "4d5e6f708192_add_user_name.py");
const uri = (file: string): string => `file://${file}`;
let client: LspClient;

before(async () => {
  fs.cpSync(path.resolve("examples", "blog"), workspace, { recursive: true });
  client = await LspClient.start(workspace);
});
after(async () => {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test("publishes unknown-revision and multiple-heads for the example on start", async () => {
  await client.waitFor("unknown-revision in the slug revision", () => client.codes(slug).includes("unknown-revision"));
  await client.waitFor("multiple-heads in the user-name revision", () => client.codes(userName).includes("multiple-heads"));
  const diagnostic = client.diagnostics.get(uri(slug))!.find((d) => d.code === "unknown-revision")!;
  assert.equal(diagnostic.source, "migration-lens");
  assert.deepEqual(diagnostic.range, { start: { line: 13, character: 17 }, end: { line: 13, character: 28 } });
});

test("offers the closest id as the preferred quick fix, carried in the diagnostic", async () => {
  const diagnostic = client.diagnostics.get(uri(slug))!.find((d) => d.code === "unknown-revision")!;
  const actions = (await client.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri: uri(slug) },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  })) as CodeAction[];
  const replace = actions.find((a) => a.isPreferred);
  assert.equal(replace?.title, "Replace '2b3c4d5e6f7' with '2b3c4d5e6f70' (the closest existing revision id)");
  assert.deepEqual(replace?.edit?.changes?.[uri(slug)], [{ range: diagnostic.range, newText: "2b3c4d5e6f70" }]);
  assert.ok(actions.some((a) => a.title === "Disable unknown-revision for this line"));
});

test("fixing the typo as you type clears the error here and multiple-heads in the other file", async () => {
  const text = fs.readFileSync(slug, "utf8");
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uri(slug), languageId: "python", version: 1, text } });
  await client.connection.sendNotification("textDocument/didChange", {
    textDocument: { uri: uri(slug), version: 2 },
    contentChanges: [{ range: { start: { line: 13, character: 28 }, end: { line: 13, character: 28 } }, text: "0" }],
  });
  await client.waitFor("no unknown-revision in the edited file", () => !client.codes(slug).includes("unknown-revision"));
  await client.waitFor("no multiple-heads in the other file", () => client.codes(userName).length === 0);
  assert.equal(fs.readFileSync(slug, "utf8"), text, "the server never writes the file itself");
});

test("a syntax error while typing is a diagnostic, not a crash", async () => {
  const broken = fs.readFileSync(slug, "utf8").replace("def upgrade() -> None:", "def upgrade( -> None:\n    (((");
  await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: uri(slug), version: 3 }, contentChanges: [{ text: broken }] });
  await client.waitFor("python-syntax-error", () => client.codes(slug).includes("python-syntax-error"));
  assert.ok(client.alive);
  await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: uri(slug) } });
  await client.waitFor("the saved file's diagnostics back after closing", () => client.codes(slug).includes("unknown-revision"));
});

test("a second head offers a merge revision; creating it on disk clears the error", async () => {
  fs.writeFileSync(slug, fs.readFileSync(slug, "utf8").replace('"2b3c4d5e6f7"', '"2b3c4d5e6f70"'));
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(slug), type: 2 }] });
  await client.waitFor("the typo fixed on disk", () => client.codes(slug).length === 0);
  const other = path.join(versions, "5e6f70819203_add_tags.py");
  fs.writeFileSync(other, fs.readFileSync(userName, "utf8").replaceAll("4d5e6f708192", "5e6f70819203"));
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(other), type: 1 }] });
  await client.waitFor("multiple-heads on both heads", () => client.codes(other).includes("multiple-heads") && client.codes(userName).includes("multiple-heads"));
  // The one merge is offered once, on the first head; the other head's diagnostic says where.
  const actionsOn = async (file: string): Promise<CodeAction[]> => {
    const diagnostic = client.diagnostics.get(uri(file))!.find((d) => d.code === "multiple-heads")!;
    return (await client.connection.sendRequest("textDocument/codeAction", { textDocument: { uri: uri(file) }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
  };
  assert.deepEqual((await actionsOn(other)).filter((a) => a.title.startsWith("Create a merge revision")), []);
  assert.match(client.diagnostics.get(uri(other))!.find((d) => d.code === "multiple-heads")!.message, /The fix that merges them is on '4d5e6f708192'/);
  const merges = (await actionsOn(userName)).filter((a) => a.title.startsWith("Create a merge revision"));
  assert.equal(merges.length, 1);
  const merge = merges[0]!;
  const [create, write] = merge.edit!.documentChanges! as [CreateFile, TextDocumentEdit];
  assert.equal(create.kind, "create");
  const mergeFile = new URL(create.uri).pathname;
  const content = (write.edits[0] as { newText: string }).newText;
  // examples/blog has no script.py.mako: Alembic 1.8's generic layout.
  assert.match(content, /\ndown_revision = \('4d5e6f708192', '5e6f70819203'\)\n/);
  fs.writeFileSync(mergeFile, content);
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: create.uri, type: 1 }] });
  await client.waitFor("no multiple-heads once merged", () => !client.codes(other).includes("multiple-heads") && client.codes(mergeFile).length === 0);
});

test("a revision deleted on disk leaves the graph and its diagnostics are cleared", async () => {
  fs.rmSync(slug);
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(slug), type: 3 }] });
  await client.waitFor("diagnostics of the deleted file cleared", () => client.codes(slug).length === 0);
  await client.waitFor("its child now names a missing revision", () => client.codes(userName).includes("unknown-revision"));
});

test("a binary file saved as a .py in the version folder is an error at 1:1, cleared once it is deleted", async () => {
  const binary = path.join(versions, "diagram.py");
  fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(binary), type: 1 }] });
  await client.waitFor("not-a-text-file on the binary file", () => client.codes(binary).includes("not-a-text-file"));
  const diagnostic = client.diagnostics.get(uri(binary))!.find((d) => d.code === "not-a-text-file")!;
  assert.deepEqual(diagnostic.range.start, { line: 0, character: 0 });
  assert.match(diagnostic.message, /a NUL byte at offset 8/);
  fs.rmSync(binary);
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(binary), type: 3 }] });
  await client.waitFor("its diagnostics cleared", () => client.codes(binary).length === 0);
});
