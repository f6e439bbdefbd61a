import type { DefinitionParams, Location } from "vscode-languageserver";
import { definitionAt } from "../../core/navigation/definition";
import { toLocation } from "../convert";
import type { Session } from "../session";
import { uriToPath } from "../uris";

/** On a down_revision / depends_on / docstring id: the `revision =` of the file that defines it. */
export function definition(session: Session, params: DefinitionParams): Location[] {
  const file = uriToPath(params.textDocument.uri);
  return file ? definitionAt(session.answering(), file, params.position).map(toLocation) : [];
}
