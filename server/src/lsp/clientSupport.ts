import type { InitializeParams } from "vscode-languageserver";

/**
 * What the client said it can do, read once at initialize. Every optional feature the server
 * uses is asked here first, so a client without it (Neovim, Helix, eglot…) gets no request it
 * cannot answer and no error in its log.
 */
export interface ClientSupport {
  /** `workspace/configuration`: settings are pulled rather than waited for. */
  readonly configuration: boolean;
  /** Watchers can be registered for `workspace/didChangeWatchedFiles`; otherwise the server watches itself. */
  readonly watchedFilesRegistration: boolean;
  /** `workspace/didChangeWorkspaceFolders` events. */
  readonly workspaceFolders: boolean;
  /** CodeAction literals; without them fixes travel as Commands the server applies. */
  readonly codeActionLiterals: boolean;
  /** `workspace/applyEdit`, which those Commands need. */
  readonly applyEdit: boolean;
  /** RenameFile operations in workspace edits, so a rename can carry the id into file names. */
  readonly renameFiles: boolean;
  /** Server-initiated progress (`window/workDoneProgress/create`), shown while a long analysis runs. */
  readonly workDoneProgress: boolean;
}

export function clientSupport(params: InitializeParams): ClientSupport {
  const { workspace, textDocument, window } = params.capabilities;
  return {
    configuration: workspace?.configuration === true,
    watchedFilesRegistration: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    workspaceFolders: workspace?.workspaceFolders === true,
    codeActionLiterals: textDocument?.codeAction?.codeActionLiteralSupport !== undefined,
    applyEdit: workspace?.applyEdit === true,
    renameFiles: workspace?.workspaceEdit?.resourceOperations?.includes("rename") === true && workspace.workspaceEdit.documentChanges === true,
    workDoneProgress: window?.workDoneProgress === true,
  };
}
