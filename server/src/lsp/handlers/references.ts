import type { Location, ReferenceParams } from "vscode-languageserver";
import { referencesAt } from "../../core/navigation/definition";
import { toLocation } from "../convert";
import type { Session } from "../session";
import { uriToPath } from "../uris";

/** Every file of the set that names the revision under the cursor. */
export function references(session: Session, params: ReferenceParams): Location[] {
  const file = uriToPath(params.textDocument.uri);
  return file ? referencesAt(session.answering(), file, params.position, params.context.includeDeclaration).map(toLocation) : [];
}
