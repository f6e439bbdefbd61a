import { createHash } from "node:crypto";
import * as path from "node:path";
import type { AnalysisResult } from "../core/analysis/analyzeSets";
import type { Severity } from "../core/model/findings";

/** GitLab's scale has five steps; an error is a migration that fails, so it ranks high. */
const SEVERITIES: Record<Severity, string> = { error: "critical", warning: "major", info: "info" };

/**
 * GitLab's code-quality report (its subset of the Code Climate format), read from a job's
 * `artifacts:reports:codequality`. Paths are relative to the current folder: run it from the
 * repository's root. The fingerprint leaves out the line, so a finding keeps its identity when
 * lines above it move; the same message twice in one file is told apart by its order.
 */
export function gitlabReport(result: AnalysisResult, cwd: string): string {
  const seen = new Map<string, number>();
  const issues = result.findings.map((f) => {
    const file = (path.relative(cwd, f.file) || f.file).split(path.sep).join("/");
    const identity = [f.rule, file, f.message].join("\0");
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return {
      description: f.message,
      check_name: f.rule,
      fingerprint: createHash("sha256").update(`${identity}\0${occurrence}`).digest("hex").slice(0, 32),
      severity: SEVERITIES[f.severity],
      location: { path: file, lines: { begin: f.range.start.line + 1, end: f.range.end.line + 1 } },
    };
  });
  return JSON.stringify(issues, null, 2) + "\n";
}
