import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  CreateFile,
  DiagnosticSeverity,
  MarkupKind,
  RenameFile,
  SymbolKind,
  TextDocumentEdit,
  TextEdit,
  type CodeLens,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Location as LspLocation,
  type Range as LspRange,
  type WorkspaceEdit,
} from "vscode-languageserver";
import type { Finding, Fix, Severity } from "../core/model/findings";
import type { Location, Range } from "../core/model/positions";
import type { RevisionLens } from "../core/navigation/codeLens";
import type { RevisionCompletion } from "../core/navigation/completion";
import type { OutlineSymbol } from "../core/navigation/documentSymbols";
import type { RenamePlan } from "../core/navigation/rename";
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

/** `source` names who says it: the analysis, or PostgreSQL itself for what `verify` found. */
export function toDiagnostic(finding: Finding, source = DIAGNOSTIC_SOURCE): Diagnostic {
  const data: DiagnosticData = { fixes: finding.fixes };
  return {
    range: toLspRange(finding.range),
    severity: SEVERITIES[finding.severity],
    code: finding.rule,
    source,
    message: finding.message,
    relatedInformation: finding.related.map((r) => ({ location: { uri: pathToUri(r.file), range: toLspRange(r.range) }, message: r.message })),
    data,
  };
}

export function toWorkspaceEdit(fix: Fix): WorkspaceEdit {
  const creates = fix.edits.filter((e) => e.createFile);
  const renames = fix.renames ?? [];
  if (creates.length === 0 && renames.length === 0) {
    const changes: Record<string, TextEdit[]> = {};
    for (const edit of fix.edits) (changes[pathToUri(edit.file)] ??= []).push(TextEdit.replace(toLspRange(edit.range), edit.newText));
    return { changes };
  }
  return {
    documentChanges: [
      ...fix.edits.flatMap((edit) => {
        const uri = pathToUri(edit.file);
        const change = TextDocumentEdit.create({ uri, version: null }, [TextEdit.replace(toLspRange(edit.range), edit.newText)]);
        return edit.createFile ? [CreateFile.create(uri, { ignoreIfExists: true }), change] : [change];
      }),
      ...renames.map((r) => RenameFile.create(pathToUri(r.from), pathToUri(r.to), { ignoreIfExists: false, overwrite: false })),
    ],
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

export function toLocation(location: Location): LspLocation {
  return { uri: pathToUri(location.file), range: toLspRange(location.range) };
}

export function toCompletionItem(completion: RevisionCompletion): CompletionItem {
  return {
    label: completion.id,
    kind: CompletionItemKind.Reference,
    detail: completion.detail,
    documentation: { kind: MarkupKind.Markdown, value: completion.documentation },
    sortText: completion.sortText,
    filterText: completion.id,
    textEdit: TextEdit.replace(toLspRange(completion.range), completion.id),
  };
}

const SYMBOL_KINDS: Record<OutlineSymbol["kind"], SymbolKind> = { variable: SymbolKind.Constant, function: SymbolKind.Function, operation: SymbolKind.Event };

export function toDocumentSymbol(symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: SYMBOL_KINDS[symbol.kind],
    range: toLspRange(symbol.range),
    selectionRange: toLspRange(symbol.selectionRange),
    children: symbol.children.map(toDocumentSymbol),
  };
}

/** Text only (an empty command id): the client may make lenses clickable from `data.targets`. */
export function toCodeLens(lens: RevisionLens): CodeLens {
  return { range: toLspRange(lens.range), command: { title: lens.title, command: "" }, data: { targets: lens.targets.map(toLocation) } };
}

/** Text edits, then the files renamed, when the client can rename files (else the names stay). */
export function toRenameEdit(plan: RenamePlan, canRenameFiles: boolean): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of plan.edits) (changes[pathToUri(edit.file)] ??= []).push(TextEdit.replace(toLspRange(edit.range), edit.newText));
  if (!canRenameFiles || plan.fileRenames.length === 0) return { changes };
  return {
    documentChanges: [
      ...Object.entries(changes).map(([uri, edits]) => TextDocumentEdit.create({ uri, version: null }, edits)),
      ...plan.fileRenames.map((r) => RenameFile.create(pathToUri(r.from), pathToUri(r.to), { ignoreIfExists: false, overwrite: false })),
    ],
  };
}
