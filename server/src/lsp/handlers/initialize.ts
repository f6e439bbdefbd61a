import { CodeActionKind, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from "vscode-languageserver";
import { uriToPath } from "../uris";
import { COMPLETION_TRIGGERS } from "./completion";

/** Whether the client applies RenameFile operations, so a rename can carry the id into file names. */
export function canRenameFiles(params: InitializeParams): boolean {
  return params.capabilities.workspace?.workspaceEdit?.resourceOperations?.includes("rename") === true && params.capabilities.workspace.workspaceEdit.documentChanges === true;
}

export function workspaceRoots(params: InitializeParams): string[] {
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return folders.map(uriToPath).filter((p): p is string => p !== undefined);
}

export const CAPABILITIES: InitializeResult = {
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
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
