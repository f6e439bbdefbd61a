import { ErrorCodes, ResponseError, TextDocuments, type Connection } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { CheckAllRequest, type InitializationOptions, NewRevisionRequest, ReportRequest, SchemaAtRequest, SetsRequest, VerifyRequest } from "../protocol";
import { verify } from "./handlers/verify";
import { schemaAt } from "./handlers/schemaAt";
import { configurationChanged } from "./handlers/configuration";
import { capabilities, workspaceRoots } from "./handlers/initialize";
import { checkAll } from "./handlers/checkAll";
import { asCommands, codeActions, isApplyFix } from "./handlers/codeActions";
import { codeLens } from "./handlers/codeLens";
import { completion } from "./handlers/completion";
import { definition } from "./handlers/definition";
import { documentSymbol } from "./handlers/documentSymbol";
import { hover } from "./handlers/hover";
import { newRevision } from "./handlers/newRevision";
import { prepareRename } from "./handlers/prepareRename";
import { references } from "./handlers/references";
import { rename } from "./handlers/rename";
import { report } from "./handlers/report";
import { sets } from "./handlers/sets";
import { watchedFilesChanged } from "./handlers/watchedFiles";
import { Session } from "./session";
import { uriToPath } from "./uris";
import { clientSupport, type ClientSupport } from "./clientSupport";
import { DiskWatching } from "./diskWatching";
import { NodeFolderWatcher } from "../node/nodeFolderWatcher";

/** Wiring only: each protocol method goes to its handler. The entry points choose the transport. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let session: Session | undefined;
  let client: ClientSupport | undefined;
  let watching: DiskWatching | undefined;

  const logFailure = (name: string) => (error: unknown) => connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const guard =
    <A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return handler(...args);
      } catch (error) {
        logFailure(name)(error);
        return fallback;
      }
    };

  /** A guarded handler that needs the session (there is none before initialize). */
  const withSession = <P, R>(name: string, fallback: R | ResponseError<void>, handler: (session: Session, params: P) => R | ResponseError<void>) =>
    guard(name, fallback, (params: P) => (session ? handler(session, params) : fallback));

  connection.onInitialize((params) => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    client = clientSupport(params);
    const s = new Session(connection, workspaceRoots(params), undefined, typeof options.cacheFolder === "string" ? options.cacheFolder : undefined, client.workDoneProgress);
    session = s;
    watching = new DiskWatching(connection, client, new NodeFolderWatcher(), (changes) => s.filesChanged(changes));
    return capabilities(client);
  });
  connection.onInitialized(() => {
    if (!session || !client) return;
    const s = session;
    // Pulled settings (where the client answers) are in place before the first analysis.
    configurationChanged(s, connection, client, undefined)
      .catch(logFailure("configuration"))
      .finally(() => s.schedule(true));
    watching?.start(s.workspaceRoots).catch(logFailure("file watching"));
    // Asked only of a client that sends these events: others throw here.
    if (!client.workspaceFolders) return;
    connection.workspace.onDidChangeWorkspaceFolders(
      guard("workspace folders", undefined, () => {
        void connection.workspace.getWorkspaceFolders().then((folders) => {
          s.setRoots((folders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined));
          watching?.rootsChanged(s.workspaceRoots);
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
  connection.onCodeAction(
    guard("code actions", [], (params) => {
      const actions = codeActions(params, documentOrSaved(params.textDocument.uri));
      // Commands carry the edit only to a client that can be asked to apply it.
      if (!client || client.codeActionLiterals) return actions;
      return client.applyEdit ? asCommands(actions) : [];
    }),
  );
  connection.onExecuteCommand(
    guard("execute command", undefined, (params) => {
      if (isApplyFix(params.command, params.arguments)) void connection.workspace.applyEdit(params.arguments[0]);
    }),
  );
  connection.onDefinition(withSession("definition", [], definition));
  connection.onReferences(withSession("references", [], references));
  connection.onHover(withSession("hover", null, hover));
  connection.onCompletion(withSession("completion", [], completion));
  connection.onPrepareRename(withSession("prepare rename", null, prepareRename));
  connection.onRenameRequest(withSession("rename", null, (s, params) => rename(s, params, client?.renameFiles === true)));
  connection.onCodeLens(withSession("code lens", [], codeLens));
  connection.onDocumentSymbol(withSession("document symbols", [], documentSymbol));

  const failed = (what: string): ResponseError<void> => new ResponseError(ErrorCodes.InternalError, `Migration Lens could not ${what}; see the server log.`);
  connection.onRequest(SetsRequest, withSession("sets", { sets: [] }, sets));
  connection.onRequest(SchemaAtRequest, withSession("schema at revision", failed("replay the schema"), schemaAt));
  connection.onDidChangeConfiguration(
    guard("configuration", undefined, (params) => {
      if (!session || !client) return;
      configurationChanged(session, connection, client, params?.settings).catch(logFailure("configuration"));
    }),
  );
  connection.onRequest(ReportRequest, withSession("report", failed("write the report"), report));
  connection.onRequest(CheckAllRequest, withSession("check all", failed("check the workspace"), checkAll));
  connection.onRequest(VerifyRequest, async (params, token) => {
    if (!session) return failed("verify on PostgreSQL");
    try {
      return await verify(session, connection, params, token);
    } catch (error) {
      logFailure("verify")(error);
      return failed("verify on PostgreSQL");
    }
  });
  connection.onRequest(
    NewRevisionRequest,
    withSession("new revision", failed("render the new revision"), (s, params) => newRevision(s, params, (message) => connection.console.info(message))),
  );

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
}
