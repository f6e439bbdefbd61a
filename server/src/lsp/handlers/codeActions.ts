import { CodeAction, CodeActionKind, Command, TextEdit, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { DIAGNOSTIC_SOURCE, isDiagnosticData, toCodeAction } from "../convert";

/** Stateless: every fix travels in the diagnostic's `data`; suppressions are comments added on request. */
export function codeActions(params: CodeActionParams, document: TextDocument | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    if (isDiagnosticData(diagnostic.data)) {
      diagnostic.data.fixes.forEach((fix, i) => actions.push(toCodeAction(fix, diagnostic, i === 0)));
    }
    if (document) actions.push(...suppressionActions(diagnostic, document));
  }
  return actions;
}

/** The command a client without CodeAction literals runs: the server sends the fix back as workspace/applyEdit. */
export const APPLY_FIX_COMMAND = "migrationLens.applyFix";

/** The same fixes for such a client: each a Command carrying its edit. */
export function asCommands(actions: readonly CodeAction[]): Command[] {
  return actions.flatMap((a) => (a.edit ? [Command.create(a.title, APPLY_FIX_COMMAND, a.edit)] : []));
}

export function isApplyFix(command: string, args: unknown[] | undefined): args is [WorkspaceEdit] {
  return command === APPLY_FIX_COMMAND && typeof args?.[0] === "object" && args[0] !== null;
}

function suppressionActions(diagnostic: Diagnostic, document: TextDocument): CodeAction[] {
  const rule = String(diagnostic.code ?? "");
  if (!rule) return [];
  const line = diagnostic.range.start.line;
  const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? "";
  const eol = document.getText().includes("\r\n") ? "\r\n" : "\n";
  const atLine = CodeAction.create(
    `Disable ${rule} for this line`,
    { changes: { [document.uri]: [TextEdit.insert({ line, character: 0 }, `${indent}# migration-lens: disable=${rule}${eol}`)] } },
    CodeActionKind.QuickFix,
  );
  const atFile = CodeAction.create(
    `Disable ${rule} for this file`,
    { changes: { [document.uri]: [TextEdit.insert(firstCodeLine(document), `# migration-lens: disable-file=${rule}${eol}`)] } },
    CodeActionKind.QuickFix,
  );
  atLine.diagnostics = [diagnostic];
  atFile.diagnostics = [diagnostic];
  return [atLine, atFile];
}

/** After a shebang or coding cookie, which must stay on the first lines. */
function firstCodeLine(document: TextDocument): { line: number; character: number } {
  let line = 0;
  while (line < 2 && line < document.lineCount) {
    const text = document.getText({ start: { line, character: 0 }, end: { line, character: 200 } });
    if (!/^#!|^#.*coding[:=]/.test(text)) break;
    line++;
  }
  return { line, character: 0 };
}
