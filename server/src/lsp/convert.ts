import {
  CodeAction,
  CodeActionKind,
  CreateFile,
  DiagnosticSeverity,
  TextDocumentEdit,
  TextEdit,
  type Diagnostic,
  type Range as LspRange,
  type WorkspaceEdit,
} from "vscode-languageserver";
import type { Finding, Fix, Severity } from "../core/model/findings";
import type { Range } from "../core/model/positions";
import { pathToUri } from "./uris";

/** The one place where core findings become protocol types (and back, for fixes carried in `data`). */
export const DIAGNOSTIC_SOURCE = "migration-lens";

export interface DiagnosticData {
  readonly fixes: readonly Fix[];
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspRange(range: Range): LspRange {
  return { start: { ...range.start }, end: { ...range.end } };
}

export function toDiagnostic(finding: Finding): Diagnostic {
  const data: DiagnosticData = { fixes: finding.fixes };
  return {
    range: toLspRange(finding.range),
    severity: SEVERITIES[finding.severity],
    code: finding.rule,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    relatedInformation: finding.related.map((r) => ({ location: { uri: pathToUri(r.file), range: toLspRange(r.range) }, message: r.message })),
    data,
  };
}

export function toWorkspaceEdit(fix: Fix): WorkspaceEdit {
  const creates = fix.edits.filter((e) => e.createFile);
  if (creates.length === 0) {
    const changes: Record<string, TextEdit[]> = {};
    for (const edit of fix.edits) (changes[pathToUri(edit.file)] ??= []).push(TextEdit.replace(toLspRange(edit.range), edit.newText));
    return { changes };
  }
  return {
    documentChanges: fix.edits.flatMap((edit) => {
      const uri = pathToUri(edit.file);
      const change = TextDocumentEdit.create({ uri, version: null }, [TextEdit.replace(toLspRange(edit.range), edit.newText)]);
      return edit.createFile ? [CreateFile.create(uri, { ignoreIfExists: true }), change] : [change];
    }),
  };
}

export function toCodeAction(fix: Fix, diagnostic: Diagnostic, preferred: boolean): CodeAction {
  const action = CodeAction.create(fix.title, toWorkspaceEdit(fix), CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = preferred;
  return action;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  return typeof value === "object" && value !== null && Array.isArray((value as DiagnosticData).fixes);
}
