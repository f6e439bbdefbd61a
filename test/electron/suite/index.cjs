// Runs inside the VS Code extension host (loaded by --extensionTestsPath). The same checks as the
// code-server suite (test/e2e/cases), through the vscode API: `unknown-revision` is reported (waited
// for on vscode.languages.onDidChangeDiagnostics) with its quick fix; the fix applied, the
// Migrations tree lists the set newest first with the heads marked; New Revision on a head creates
// a file following it; the graph panel draws the revisions; Go to Definition on a down_revision
// finds the parent. Waits are on events or on the extension's state, polled, never fixed sleeps.
const assert = require("node:assert/strict");
const vscode = require("vscode");

const FILE = "alembic/versions/3c4d5e6f7081_add_post_slug.py";
const EXTENSION_ID = "migration-lens.migration-lens";
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 120_000);

const HEAD = "4d5e6f708192";
const BRANCH = "5e6f708192a3";

const codeOf = (diagnostic) =>
  typeof diagnostic.code === "object" && diagnostic.code !== null ? diagnostic.code.value : diagnostic.code;

const unknownRevisions = (uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === "migration-lens" && codeOf(d) === "unknown-revision");

/** Resolves with the unknown-revision diagnostics of `uri` once there are any. */
function waitForUnknownRevision(uri) {
  return new Promise((resolve, reject) => {
    const finish = (fn, value) => {
      subscription.dispose();
      clearTimeout(timer);
      fn(value);
    };
    const check = () => {
      const found = unknownRevisions(uri);
      if (found.length > 0) finish(resolve, found);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${d.source}/${codeOf(d)}: ${d.message}`);
      finish(reject, new Error(`no unknown-revision diagnostic for ${FILE} after ${TIMEOUT_MS / 1000}s (seen: ${JSON.stringify(seen)})`));
    }, TIMEOUT_MS);
    check();
  });
}

/** Polls `check` until it returns a truthy value (returned), or fails after TIMEOUT_MS naming `what`. */
async function waitFor(what, check) {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const label = (item) => (typeof item.label === "string" ? item.label : item.label?.label);

/** The revision rows of the Migrations tree, as the extension builds them. */
function revisionRows(api) {
  const sets = api.treeItems();
  return sets.length === 1 ? sets[0].revisions.map((item) => ({ id: label(item), description: String(item.description ?? "") })) : [];
}

async function run() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "no workspace folder is open");
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const uri = vscode.Uri.joinPath(folder.uri, FILE);

  const diagnostics = waitForUnknownRevision(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  await extension.activate();
  const [diagnostic] = await diagnostics;

  assert.match(diagnostic.message, /names '2b3c4d5e6f7'/);
  assert.match(document.lineAt(diagnostic.range.start.line).text, /^down_revision = "2b3c4d5e6f7"/);
  console.log(`electron: ok unknown-revision reported: ${diagnostic.message}`);

  const actions = await vscode.commands.executeCommand("vscode.executeCodeActionProvider", uri, diagnostic.range);
  const titles = (actions ?? []).map((action) => action.title);
  assert.ok(
    titles.some((title) => title.startsWith("Replace '2b3c4d5e6f7' with '2b3c4d5e6f70'")),
    `quick fix not offered (got: ${JSON.stringify(titles)})`,
  );
  console.log("electron: ok quick fix offered");

  // The quick fix, applied and saved: a straight history with one head.
  const resolved = await vscode.commands.executeCommand("vscode.executeCodeActionProvider", uri, diagnostic.range, undefined, 10);
  const [fix] = (resolved ?? []).filter((action) => action.title.startsWith("Replace '2b3c4d5e6f7'"));
  assert.ok(fix?.edit, "the quick fix carries no edit");
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  await document.save();

  // The tree: the set, its revisions newest first, the head marked.
  const api = extension.exports;
  assert.ok(api && typeof api.treeItems === "function", "the extension exports no API");
  await vscode.commands.executeCommand("workbench.view.extension.migrationLens");
  const rows = await waitFor(`${HEAD} marked head in the tree`, async () => {
    await api.refresh();
    const found = revisionRows(api);
    return found.some((r) => r.id === HEAD && /\bhead\b/.test(r.description)) ? found : undefined;
  });
  assert.deepEqual(rows.map((r) => r.id), [HEAD, "3c4d5e6f7081", "2b3c4d5e6f70", "1a2b3c4d5e6f"]);
  const [setRow] = api.treeItems();
  assert.equal(label(setRow.set), "alembic");

  // A second head arrives on disk.
  const branch = vscode.Uri.joinPath(folder.uri, `alembic/versions/${BRANCH}_add_tags.py`);
  const branchText = `"""add tags\n\nRevision ID: ${BRANCH}\nRevises: 2b3c4d5e6f70\nCreate Date: 2024-02-10 16:20:00.000000\n\n"""\nfrom alembic import op\n\nrevision = "${BRANCH}"\ndown_revision = "2b3c4d5e6f70"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade() -> None:\n    op.execute("CREATE TABLE tags (id integer primary key)")\n\n\ndef downgrade() -> None:\n    op.execute("DROP TABLE tags")\n`;
  await vscode.workspace.fs.writeFile(branch, Buffer.from(branchText));
  await waitFor(`${BRANCH} and ${HEAD} both heads`, async () => {
    await api.refresh();
    const heads = api.sets()[0]?.heads ?? [];
    return heads.includes(BRANCH) && heads.includes(HEAD);
  });
  console.log("electron: ok tree lists the set newest first and marks both heads");

  // New Revision on the first head, with the prompts answered by arguments.
  const root = api.sets()[0].root;
  const created = await vscode.commands.executeCommand("migrationLens.newRevision", { root, message: "add comments", parents: [HEAD] });
  assert.ok(created, "New Revision created nothing");
  const createdText = (await vscode.workspace.openTextDocument(created)).getText();
  assert.match(createdText, new RegExp(`^down_revision[^=\\n]*= ['"]${HEAD}['"]`, "m"));
  const editor = vscode.window.activeTextEditor;
  assert.equal(editor?.document.uri.toString(), created.toString());
  assert.match(editor.document.lineAt(editor.selection.active.line).text, /^revision\b/);
  console.log(`electron: ok New Revision created ${vscode.workspace.asRelativePath(created)}`);

  // The graph panel draws every revision.
  await vscode.commands.executeCommand("migrationLens.showGraph");
  const drawn = await waitFor("the graph panel to draw", async () => {
    await api.refresh();
    const graph = api.graph();
    return graph && graph.nodes >= 6 ? graph : undefined;
  });
  assert.equal((drawn.svg.match(/data-kind="revision"/g) ?? []).length, 6);
  console.log(`electron: ok graph drew ${drawn.nodes} nodes`);

  // Go to Definition on the id in down_revision finds the parent's file.
  const child = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, "alembic/versions/4d5e6f708192_add_user_name.py"));
  const line = child.getText().split("\n").findIndex((text) => /^down_revision\b/.test(text));
  const position = new vscode.Position(line, child.lineAt(line).text.indexOf("3c4d5e6f7081") + 3);
  const definitions = await vscode.commands.executeCommand("vscode.executeDefinitionProvider", child.uri, position);
  const targets = (definitions ?? []).map((d) => (d.targetUri ?? d.uri).path);
  assert.ok(targets.some((p) => p.endsWith("3c4d5e6f7081_add_post_slug.py")), `definition not found (got ${JSON.stringify(targets)})`);
  console.log("electron: ok Go to Definition opens the parent");
}

module.exports = { run };
