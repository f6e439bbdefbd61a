import { CodeActionKind, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from "vscode-languageserver";
import type { ClientSupport } from "../clientSupport";
import { uriToPath } from "../uris";
import { COMPLETION_TRIGGERS } from "./completion";
import { APPLY_FIX_COMMAND } from "./codeActions";

/** The workspace folders, else the older rootUri, else the oldest rootPath (clients differ in which they send). */
export function workspaceRoots(params: InitializeParams): string[] {
  if (params.workspaceFolders && params.workspaceFolders.length > 0) return params.workspaceFolders.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
  if (params.rootUri) return [uriToPath(params.rootUri)].filter((p): p is string => p !== undefined);
  return params.rootPath ? [params.rootPath] : [];
}

export function capabilities(client: ClientSupport): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      // Code action options are for clients that take CodeAction literals (the spec says so); the others
      // get fixes as a command the server applies, if they can apply edits at all.
      codeActionProvider: client.codeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix] } : client.applyEdit,
      ...(!client.codeActionLiterals && client.applyEdit ? { executeCommandProvider: { commands: [APPLY_FIX_COMMAND] } } : {}),
      definitionProvider: true,
      referencesProvider: true,
      hoverProvider: true,
      completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
      renameProvider: { prepareProvider: true },
      codeLensProvider: { resolveProvider: false },
      documentSymbolProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: "migration-lens" },
  };
}
