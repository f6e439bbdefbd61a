import { summarizeSets } from "../../core/navigation/summaries";
import type { SetsResult } from "../../protocol";
import type { Session } from "../session";

/** Every set and its revisions newest first, for the tree view and the graph. */
export function sets(session: Session): SetsResult {
  return summarizeSets(session.current());
}
