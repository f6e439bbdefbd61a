import * as vscode from "vscode";

/** Opens a file with the cursor at the start of a zero-based line (a revision's `revision =`). */
export async function openAt(
  file: string,
  line: number,
  options: { preview?: boolean; preserveFocus?: boolean; viewColumn?: vscode.ViewColumn } = {},
): Promise<vscode.TextEditor> {
  const position = new vscode.Position(Math.max(0, line), 0);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(document, {
    selection: new vscode.Range(position, position),
    preview: options.preview ?? true,
    preserveFocus: options.preserveFocus ?? false,
    ...(options.viewColumn === undefined ? {} : { viewColumn: options.viewColumn }),
  });
}

/** The `vscode.open` command that a tree item runs to open a revision at its line. */
export function openCommand(file: string, line: number, title = "Open Revision"): vscode.Command {
  const position = new vscode.Position(Math.max(0, line), 0);
  const options: vscode.TextDocumentShowOptions = { selection: new vscode.Range(position, position), preview: true };
  return { command: "vscode.open", title, arguments: [vscode.Uri.file(file), options] };
}
