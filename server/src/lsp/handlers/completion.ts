import type { CompletionItem, CompletionParams } from "vscode-languageserver";
import { revisionCompletionsAt } from "../../core/navigation/completion";
import { toCompletionItem } from "../convert";
import type { Session } from "../session";
import { uriToPath } from "../uris";

/** Triggered by a quote: inside a down_revision / depends_on string, the revision ids to write there. */
export const COMPLETION_TRIGGERS = ["'", '"'];

export function completion(session: Session, params: CompletionParams): CompletionItem[] {
  const file = uriToPath(params.textDocument.uri);
  return file ? revisionCompletionsAt(session.answering(), file, params.position).map(toCompletionItem) : [];
}
