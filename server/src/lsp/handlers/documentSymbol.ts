import type { DocumentSymbol, DocumentSymbolParams } from "vscode-languageserver";
import { documentSymbols } from "../../core/navigation/documentSymbols";
import { findFile } from "../../core/navigation/revisionReferences";
import { toDocumentSymbol } from "../convert";
import type { Session } from "../session";
import { uriToPath } from "../uris";

/** The outline of a revision file (only files of a migration set: other Python files are Python's business). */
export function documentSymbol(session: Session, params: DocumentSymbolParams): DocumentSymbol[] {
  const file = uriToPath(params.textDocument.uri);
  const found = file ? findFile(session.answering(), file) : undefined;
  return found ? documentSymbols(found.file.text).map(toDocumentSymbol) : [];
}
