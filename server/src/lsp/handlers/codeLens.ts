import type { CodeLens, CodeLensParams } from "vscode-languageserver";
import { revisionLenses } from "../../core/navigation/codeLens";
import { toCodeLens } from "../convert";
import type { Session } from "../session";
import { uriToPath } from "../uris";

/** Over `revision =`: parents, children, head / base / branch markers. Complete as sent: no resolve step. */
export function codeLens(session: Session, params: CodeLensParams): CodeLens[] {
  const file = uriToPath(params.textDocument.uri);
  return file ? revisionLenses(session.answering(), file).map(toCodeLens) : [];
}
