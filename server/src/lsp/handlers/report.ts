import { renderMarkdownReport } from "../../core/navigation/report";
import type { Session } from "../session";

/** The Markdown report, paths relative to the first workspace folder. */
export function report(session: Session): { markdown: string } {
  return { markdown: renderMarkdownReport(session.current(), session.workspaceRoots[0]) };
}
