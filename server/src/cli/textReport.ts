import * as path from "node:path";
import type { AnalysisResult } from "../core/analysis/analyzeSets";
import type { Finding } from "../core/model/findings";
import { countBySeverity } from "./jsonReport";
import { branchSummaryLines } from "../core/navigation/branchSummary";

/** One line per finding, `file:line:col severity rule message`, then what was judged, then a summary line. */
export function textReport(result: AnalysisResult, cwd: string): string {
  const lines = result.findings.map((f) => findingLine(f, cwd));
  const { errors, warnings, infos } = countBySeverity(result.findings);
  const revisions = result.sets.reduce((n, s) => n + s.graph.nodes.size, 0);
  // Sets with several heads are named: one head per set is the healthy case.
  const total = result.sets.reduce((n, s) => n + s.graph.heads.length, 0);
  const several = result.sets.filter((s) => s.graph.heads.length > 1).map((s) => `${s.graph.heads.length} in ${path.relative(cwd, s.spec.root) || "."}`);
  const heads = `${total} head(s)${several.length > 0 ? ` (${several.join(", ")})` : ""}`;
  lines.push(...branchSummaryLines(result));
  lines.push(
    `${result.sets.length} migration set(s), ${revisions} revision(s), ${heads}: ${errors} error(s), ${warnings} warning(s), ${infos} info(s) in ${result.files.length} file(s).`,
  );
  return lines.join("\n") + "\n";
}

/** `file:line:col severity rule message`: one finding in the text reports (check's and verify's). */
export function findingLine(f: Finding, cwd: string): string {
  return `${path.relative(cwd, f.file) || f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule} ${f.message}`;
}
