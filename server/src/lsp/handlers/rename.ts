import { ErrorCodes, ResponseError, type RenameParams, type WorkspaceEdit } from "vscode-languageserver";
import { renameAt } from "../../core/navigation/rename";
import { toRenameEdit } from "../convert";
import type { Session } from "../session";
import { uriToPath } from "../uris";

/** One WorkspaceEdit across the set: revision value, every down_revision / depends_on naming it, docstrings, file names. */
export function rename(session: Session, params: RenameParams, canRenameFiles: boolean): WorkspaceEdit | ResponseError<void> | null {
  const file = uriToPath(params.textDocument.uri);
  if (!file) return null;
  const plan = renameAt(session.current(), file, params.position, params.newName.trim());
  if (!plan) return null;
  if ("error" in plan) return new ResponseError(ErrorCodes.InvalidRequest, plan.error);
  return toRenameEdit(plan, canRenameFiles);
}
