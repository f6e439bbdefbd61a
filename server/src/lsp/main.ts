import { createConnection, ProposedFeatures, TextDocuments } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { CAPABILITIES, workspaceRoots } from "./handlers/initialize";
import { codeActions } from "./handlers/codeActions";
import { watchedFilesChanged } from "./handlers/watchedFiles";
import { Session } from "./session";
import { uriToPath } from "./uris";

// Wiring only: each protocol method goes to its handler.
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let session: Session | undefined;

const guard =
  <A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R) =>
  (...args: A): R => {
    try {
      return handler(...args);
    } catch (error) {
      connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };

connection.onInitialize((params) => {
  session = new Session(connection, workspaceRoots(params));
  return CAPABILITIES;
});
connection.onInitialized(() => {
  session?.schedule(true);
  connection.workspace.onDidChangeWorkspaceFolders(
    guard("workspace folders", undefined, () => {
      void connection.workspace.getWorkspaceFolders().then((folders) => {
        session?.setRoots((folders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined));
      });
    }),
  );
});

const documentChanged = guard("document change", undefined, (uri: string, text: string | undefined) => {
  const file = uriToPath(uri);
  if (!session || !file) return;
  if (text === undefined) session.host.close(file);
  else session.host.setOpen(file, text);
  session.documentChanged(file);
});
documents.onDidOpen((e) => documentChanged(e.document.uri, e.document.getText()));
documents.onDidChangeContent((e) => documentChanged(e.document.uri, e.document.getText()));
documents.onDidClose((e) => documentChanged(e.document.uri, undefined));

connection.onDidChangeWatchedFiles(guard("watched files", undefined, (params) => session && watchedFilesChanged(session, params)));
connection.onCodeAction(guard("code actions", [], (params) => codeActions(params, documentOrSaved(params.textDocument.uri))));

/** Code actions may be asked for a file that is not open in an editor: read it as saved. */
function documentOrSaved(uri: string): TextDocument | undefined {
  const open = documents.get(uri);
  if (open) return open;
  const file = uriToPath(uri);
  const text = file === undefined ? undefined : session?.host.readFile(file);
  return text === undefined ? undefined : TextDocument.create(uri, "python", 0, text);
}

process.on("uncaughtException", (error) => connection.console.error(`Migration Lens server error: ${error.stack ?? error.message}`));
documents.listen(connection);
connection.listen();
