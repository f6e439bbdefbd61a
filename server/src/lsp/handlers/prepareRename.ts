import { ErrorCodes, ResponseError, type PrepareRenameParams, type Range } from "vscode-languageserver";
import { prepareRenameAt } from "../../core/navigation/rename";
import { toLspRange } from "../convert";
import type { Session } from "../session";
import { uriToPath } from "../uris";

/** The id to rename, or the reason it cannot be (the editor shows it); null off revision ids, leaving the rename to Python's provider. */
export function prepareRename(session: Session, params: PrepareRenameParams): { range: Range; placeholder: string } | ResponseError<void> | null {
  const file = uriToPath(params.textDocument.uri);
  if (!file) return null;
  const answer = prepareRenameAt(session.current(), file, params.position);
  if (!answer) return null;
  if ("error" in answer) return new ResponseError(ErrorCodes.InvalidRequest, answer.error);
  return { range: toLspRange(answer.range), placeholder: answer.placeholder };
}
