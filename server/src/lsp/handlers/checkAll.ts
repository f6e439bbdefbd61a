import type { AnalysisSummary } from "../../protocol";
import type { Session } from "../session";

/** Finds the sets again and re-analyses everything; AnalysisChangedNotification follows as after any analysis. */
export function checkAll(session: Session): AnalysisSummary {
  return session.checkAll();
}
