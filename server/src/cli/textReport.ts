import * as path from "node:path";
import type { AnalysisResult } from "../core/analysis/analyzeSets";
import { countBySeverity } from "./jsonReport";
import { branchSummaryLines } from "../core/navigation/branchSummary";

/** One line per finding, `file:line:col severity rule message`, then what was judged, then a summary line. */
export function textReport(result: AnalysisResult, cwd: string): string {
  const lines = result.findings.map((f) => {
    const file = path.relative(cwd, f.file) || f.file;
    return `${file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule} ${f.message}`;
  });
  const { errors, warnings, infos } = countBySeverity(result.findings);
  const revisions = result.sets.reduce((n, s) => n + s.graph.nodes.size, 0);
  const heads = result.sets.map((s) => s.graph.heads.length).join("+") || "0";
  lines.push(...branchSummaryLines(result));
  lines.push(
    `${result.sets.length} migration set(s), ${revisions} revision(s), ${heads} head(s): ${errors} error(s), ${warnings} warning(s), ${infos} info(s) in ${result.files.length} file(s).`,
  );
  return lines.join("\n") + "\n";
}
