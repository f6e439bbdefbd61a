import { CodeActionKind, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from "vscode-languageserver";
import { uriToPath } from "../uris";

export function workspaceRoots(params: InitializeParams): string[] {
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return folders.map(uriToPath).filter((p): p is string => p !== undefined);
}

export const CAPABILITIES: InitializeResult = {
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  },
  serverInfo: { name: "migration-lens" },
};
