import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CodeLens, CompletionItem, DocumentSymbol, Hover, Location, MarkupContent, Position, WorkspaceEdit } from "vscode-languageserver-protocol";
import { readRevisionFile } from "../../server/src/core/alembic/revisionFile";
import { AnalysisChangedNotification, CheckAllRequest, NewRevisionRequest, ReportRequest, SetsRequest, type AnalysisSummary } from "../../server/src/protocol";
import { LspClient } from "../support/lspClient";

// Two sets in one workspace: the blog example (no script.py.mako) and a project with its own template.
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "ml-features-"));
const blog = path.join(workspace, "blog");
const custom = path.join(workspace, "custom");
const versions = path.join(blog, "alembic", "versions");
const users = path.join(versions, "1a2b3c4d5e6f_create_users.py");
const posts = path.join(versions, "2b3c4d5e6f70_create_posts.py");
const slug = path.join(versions, "3c4d5e6f7081_add_post_slug.py");
const userName = path.join(versions, "4d5e6f708192_add_user_name.py");
const uri = (file: string): string => `file://${file}`;
let client: LspClient;

/** Where `needle` first occurs in the file on disk, moved `delta` characters right. */
function at(file: string, needle: string, delta = 0): Position {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} not in ${file}`);
  return { line, character: lines[line]!.indexOf(needle) + delta };
}

const request = <R>(method: string, file: string, position: Position, extra: object = {}): Promise<R> =>
  client.connection.sendRequest(method, { textDocument: { uri: uri(file) }, position, ...extra }) as Promise<R>;

/** The next AnalysisChangedNotification; fails after a deadline instead of sleeping. */
function nextAnalysis(): Promise<AnalysisSummary> {
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error("no AnalysisChangedNotification")), 20_000);
    const subscription = client.connection.onNotification(AnalysisChangedNotification, (summary) => {
      clearTimeout(deadline);
      subscription.dispose();
      resolve(summary);
    });
  });
}

before(async () => {
  fs.cpSync(path.resolve("examples", "blog"), blog, { recursive: true });
  fs.cpSync(path.resolve("test", "fixtures", "new-revision", "custom-template"), custom, { recursive: true });
  client = await LspClient.start(workspace);
  await client.waitFor("the first analysis", () => client.codes(slug).includes("unknown-revision"));
});
after(async () => {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test("definition on a down_revision opens the parent's revision value", async () => {
  const locations = await request<Location[]>("textDocument/definition", userName, at(userName, '"3c4d5e6f7081"', 3));
  assert.deepEqual(locations, [{ uri: uri(slug), range: { start: at(slug, "3c4d5e6f7081\"", 0), end: at(slug, "3c4d5e6f7081\"", 12) } }]);
});

test("references of a revision: its docstring and every file that names it", async () => {
  const position = at(posts, 'revision = "2b3c4d5e6f70"', 12);
  const found = await request<Location[]>("textDocument/references", posts, position, { context: { includeDeclaration: true } });
  // The slug revision's down_revision has a typo, but its docstring still names the id.
  assert.deepEqual(
    found.map((l) => `${path.basename(new URL(l.uri).pathname)}:${l.range.start.line}`),
    ["2b3c4d5e6f70_create_posts.py:2", "2b3c4d5e6f70_create_posts.py:11", "3c4d5e6f7081_add_post_slug.py:3"],
  );
});

test("hover describes the revision; a typo says nothing defines it", async () => {
  const hover = await request<Hover>("textDocument/hover", userName, at(userName, '"3c4d5e6f7081"', 1));
  const text = (hover.contents as MarkupContent).value;
  assert.equal((hover.contents as MarkupContent).kind, "markdown");
  assert.match(text, /^\*\*`3c4d5e6f7081`\*\* add post slug\n/);
  assert.match(text, /- Created: 2024-02-01 11:15:00.000000\n- File: `versions\/3c4d5e6f7081_add_post_slug.py`\n- Parents: `2b3c4d5e6f7`\n- Missing: `2b3c4d5e6f7`\n- Children: `4d5e6f708192` add user name/);
  const typo = await request<Hover>("textDocument/hover", slug, at(slug, '"2b3c4d5e6f7"', 1));
  assert.match((typo.contents as MarkupContent).value, /no revision in this set has this id/);
  assert.equal(await request("textDocument/hover", slug, at(slug, "def upgrade")), null);
});

test("completion inside a down_revision string being typed: heads first, with messages", async () => {
  const text = fs.readFileSync(userName, "utf8").replace('down_revision = "3c4d5e6f7081"', 'down_revision = "');
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uri(userName), languageId: "python", version: 1, text } });
  try {
    const line = at(userName, "down_revision =").line;
    const items = await request<CompletionItem[]>("textDocument/completion", userName, { line, character: 17 }, { context: { triggerKind: 2, triggerCharacter: '"' } });
    // While this file names no parent, both other chains end in a head; the file itself is left out.
    assert.deepEqual(items.map((i) => i.label), ["2b3c4d5e6f70", "3c4d5e6f7081", "1a2b3c4d5e6f"]);
    assert.deepEqual(items.map((i) => i.detail), ["create posts", "add post slug", "create users"]);
    assert.deepEqual(items[0]!.textEdit, { range: { start: { line, character: 17 }, end: { line, character: 17 } }, newText: "2b3c4d5e6f70" });
  } finally {
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: uri(userName) } });
  }
});

test("rename: one WorkspaceEdit across files; refusals carry a reason", async () => {
  const position = at(posts, 'revision = "2b3c4d5e6f70"', 13);
  const prepared = await request<{ placeholder: string }>("textDocument/prepareRename", posts, position);
  assert.equal(prepared.placeholder, "2b3c4d5e6f70");
  const edit = await request<WorkspaceEdit>("textDocument/rename", posts, position, { newName: "2b3c4d5e6f99" });
  // This client cannot rename files, so the edit is text only.
  assert.deepEqual(Object.keys(edit.changes!).sort(), [uri(posts), uri(slug)]);
  assert.deepEqual(edit.changes![uri(posts)]!.map((e) => [e.range.start.line, e.newText]), [[2, "2b3c4d5e6f99"], [11, "2b3c4d5e6f99"]]);
  assert.deepEqual(edit.changes![uri(slug)]!.map((e) => [e.range.start.line, e.newText]), [[3, "2b3c4d5e6f99"]]);
  await assert.rejects(request("textDocument/rename", posts, position, { newName: "bad-id" }), /Alembic does not allow/);
  await assert.rejects(request("textDocument/rename", posts, position, { newName: "1a2b3c4d5e6f" }), /already a revision id/);
  assert.equal(await request("textDocument/prepareRename", posts, at(posts, "def upgrade")), null);
});

test("code lenses over revision =", async () => {
  const lenses = await client.connection.sendRequest<CodeLens[]>("textDocument/codeLens", { textDocument: { uri: uri(posts) } });
  assert.deepEqual(lenses.map((l) => l.command?.title), ["parent 1a2b3c4d5e6f", "no children", "head"]);
  assert.ok(lenses.every((l) => l.range.start.line === at(posts, "revision =").line));
});

test("document symbols: header variables, upgrade and downgrade with their op calls", async () => {
  const symbols = await client.connection.sendRequest<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri: uri(users) } });
  const outline = symbols.map((s) => [s.name, ...(s.children ?? []).map((c) => `${c.name} ${c.detail}`)]);
  assert.deepEqual(outline, [["revision"], ["down_revision"], ["branch_labels"], ["depends_on"], ["upgrade", "op.create_table users"], ["downgrade", "op.drop_table users"]]);
});

test("SetsRequest: every set, revisions newest first", async () => {
  const { sets } = await client.connection.sendRequest(SetsRequest, undefined);
  assert.deepEqual(sets.map((s) => s.root).sort(), [path.join(blog, "alembic"), path.join(custom, "migrations")]);
  const blogSet = sets.find((s) => s.root === path.join(blog, "alembic"))!;
  assert.equal(blogSet.configFile, path.join(blog, "alembic.ini"));
  assert.deepEqual(blogSet.revisions.map((r) => r.id), ["2b3c4d5e6f70", "1a2b3c4d5e6f", "4d5e6f708192", "3c4d5e6f7081"]);
  assert.deepEqual([...blogSet.heads].sort(), ["2b3c4d5e6f70", "4d5e6f708192"]);
  const slugRevision = blogSet.revisions.find((r) => r.id === "3c4d5e6f7081")!;
  assert.deepEqual(
    { file: slugRevision.file, line: slugRevision.line, message: slugRevision.message, missing: slugRevision.missingParents, errors: slugRevision.errors },
    { file: slug, line: 11, message: "add post slug", missing: ["2b3c4d5e6f7"], errors: 1 },
  );
});

test("NewRevisionRequest without a template: Alembic's default layout, parsing with the right down_revision", async () => {
  const result = await client.connection.sendRequest(NewRevisionRequest, { root: path.join(blog, "alembic"), message: "add comments", parents: ["4d5e6f708192"] });
  assert.match(path.basename(result.file), /^[0-9a-f]{12}_add_comments\.py$/);
  assert.equal(path.dirname(result.file), versions);
  const parsed = readRevisionFile(result.file, result.text);
  assert.deepEqual(parsed.downRevision?.refs.map((r) => r.id), ["4d5e6f708192"]);
  assert.equal(parsed.revision?.statement.start.line, result.revisionLine);
  assert.equal(result.template, undefined);
});

test("NewRevisionRequest with the set's script.py.mako and file_template", async () => {
  const root = path.join(custom, "migrations");
  const result = await client.connection.sendRequest(NewRevisionRequest, { root, message: "add things", parents: ["1f2e3d4c5b6a"] });
  assert.equal(result.template, path.join(root, "script.py.mako"));
  assert.match(path.basename(result.file), /^\d{4}_\d\d_\d\d_\d{4}-[0-9a-f]{12}_add_things\.py$/);
  const parsed = readRevisionFile(result.file, result.text);
  assert.equal(parsed.syntaxError, undefined);
  assert.equal(parsed.revision?.id, result.id);
  assert.deepEqual(parsed.downRevision?.refs.map((r) => r.id), ["1f2e3d4c5b6a"]);
  assert.match(result.text, /\nOwner: data platform\n/);
  assert.equal(result.text.split("\n")[result.revisionLine], `revision: str = '${result.id}'`);
  await assert.rejects(client.connection.sendRequest(NewRevisionRequest, { root: "/nowhere", message: "x", parents: [] }), /No migration set has the root/);
});

test("ReportRequest: Markdown with sets and diagnostics by file", async () => {
  const { markdown } = await client.connection.sendRequest(ReportRequest, undefined);
  assert.match(markdown, /^# Migration Lens report\n\n2 sets · 5 revisions · 3 errors/);
  assert.match(markdown, /### `blog\/alembic\/versions\/3c4d5e6f7081_add_post_slug.py`[\s\S]*\| 14:18 \| error \| `unknown-revision` \|/);
});

test("AnalysisChangedNotification follows every analysis: CheckAllRequest and an edit", async () => {
  const notified = nextAnalysis();
  const summary = await client.connection.sendRequest(CheckAllRequest, undefined);
  assert.deepEqual(await notified, summary);
  assert.deepEqual({ sets: summary.sets, revisions: summary.revisions, heads: summary.heads, errors: summary.errors }, { sets: 2, revisions: 5, heads: 3, errors: 3 });

  const fixed = nextAnalysis();
  const text = fs.readFileSync(slug, "utf8").replace('"2b3c4d5e6f7"', '"2b3c4d5e6f70"');
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uri(slug), languageId: "python", version: 1, text } });
  assert.deepEqual(await fixed, { ...summary, heads: 2, errors: 0, warnings: 0 });
  await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: uri(slug) } });
});

test("bad requests are answered, never crash the server", async () => {
  assert.deepEqual(await request("textDocument/definition", slug, { line: 9999, character: 9999 }), []);
  assert.deepEqual(await client.connection.sendRequest("textDocument/definition", { textDocument: { uri: "untitled:Untitled-1" }, position: { line: 0, character: 0 } }), []);
  assert.deepEqual(await request("textDocument/completion", path.join(blog, "alembic", "env.py"), { line: 0, character: 0 }), []);
  assert.ok(client.alive);
});
