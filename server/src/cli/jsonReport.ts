import * as path from "node:path";
import type { AnalysisResult } from "../core/analysis/analyzeSets";
import type { AnalyzedSet } from "../core/analysis/analyzedSet";
import type { Finding, Severity } from "../core/model/findings";
import type { Range } from "../core/model/positions";

/** Positions one-based, paths relative to the current directory: the CLI's JSON contract (version 1). */
export function jsonReport(result: AnalysisResult, cwd: string): object {
  const rel = (file: string): string => path.relative(cwd, file) || ".";
  return {
    version: 1,
    sets: result.sets.map((set) => ({
      kind: set.spec.kind,
      root: rel(set.spec.root),
      ...branchOf(set),
      revisions: set.graph.order.flatMap((id) => {
        const node = set.graph.nodes.get(id);
        if (!node) return [];
        return [
          {
            id,
            parents: (node.file.downRevision?.refs ?? []).map((r) => r.id),
            dependsOn: (node.file.dependsOn?.refs ?? []).map((r) => r.id),
            branchLabels: [...node.declaredLabels],
            file: rel(node.file.path),
            line: (node.file.revision?.statement.start.line ?? 0) + 1,
            ...(set.branch?.state.available ? { new: set.branch.newFiles.has(node.file.path) } : {}),
          },
        ];
      }),
      heads: [...set.graph.heads],
      bases: [...set.graph.bases],
    })),
    diagnostics: result.findings.map((f) => diagnosticJson(f, cwd)),
    summary: { ...countBySeverity(result.findings), files: result.files.length },
  };
}

/** One finding as the JSON reports (check's and verify's) give it. */
export function diagnosticJson(f: Finding, cwd: string): object {
  const rel = (file: string): string => path.relative(cwd, file) || ".";
  const span = (r: Range) => ({ line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });
  return {
    rule: f.rule,
    severity: f.severity,
    file: rel(f.file),
    ...span(f.range),
    message: f.message,
    fixes: f.fixes.map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((e) => ({ file: rel(e.file), ...span(e.range), newText: e.newText, ...(e.createFile ? { createFile: true } : {}) })),
      ...(fix.renames?.length ? { renames: fix.renames.map((r) => ({ from: rel(r.from), to: rel(r.to) })) } : {}),
    })),
  };
}

/** What git said about the set's branch: its base and fork point, or why every migration was judged. */
function branchOf(set: AnalyzedSet): object {
  const state = set.branch?.state;
  if (!state) return {};
  return { branch: state.available ? { base: state.base, mergeBase: state.mergeBase } : { unavailable: state.reason } };
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  return { errors: count("error"), warnings: count("warning"), infos: count("info") };
}
