// Runs inside the VS Code extension host (loaded by --extensionTestsPath). Opens the example
// migration with the typo in down_revision and waits, on vscode.languages.onDidChangeDiagnostics,
// for Migration Lens to report `unknown-revision` for it; then checks the quick fix is offered.
const assert = require("node:assert/strict");
const vscode = require("vscode");

const FILE = "alembic/versions/3c4d5e6f7081_add_post_slug.py";
const EXTENSION_ID = "migration-lens.migration-lens";
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 120_000);

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
}

module.exports = { run };
