import type { AnalysisResult } from "../analysis/analyzeSets";
import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Finding } from "../model/findings";
import type { AnalysisSummary, ProblemCounts, RevisionSummary, SetSummary, SetsResult } from "../../protocol";
import { historyOrder } from "./historyOrder";
import { competingHeadGroups, graphReadable } from "../rules/branchGroups";
import { namesParentOnlyOnBase } from "../rules/mergeContext";
import { branchSummaryLines, newRevisionCount } from "./branchSummary";

// The protocol's result types are plain data, imported for their shape only (no runtime import).

/** Every set with its revisions newest first, as the tree view and graph show them. */
export function summarizeSets(result: AnalysisResult): SetsResult {
  const counts = countByFile(result.findings);
  return { sets: result.sets.map((set) => summarizeSet(set, counts)) };
}

export function summarizeSet(set: AnalyzedSet, counts: ReadonlyMap<string, ProblemCounts> = new Map()): SetSummary {
  const graph = set.graph;
  const problems = { errors: 0, warnings: 0, infos: 0 };
  for (const file of filesOfSet(set)) {
    const c = counts.get(file);
    if (!c) continue;
    problems.errors += c.errors;
    problems.warnings += c.warnings;
    problems.infos += c.infos;
  }
  return {
    kind: set.spec.kind,
    root: set.spec.root,
    configFile: set.spec.configFile,
    revisions: historyOrder(graph).flatMap((id) => {
      const summary = summarizeRevision(set, id, counts);
      return summary ? [summary] : [];
    }),
    heads: [...graph.heads],
    // A parent only the base has leaves the heads to the merge's judgement, as multiple-heads does.
    competingHeads: graphReadable(graph) && !namesParentOnlyOnBase(set) ? competingHeadGroups(graph) : [],
    bases: [...graph.bases],
    ...(set.branch ? { branch: set.branch.state.available ? { base: set.branch.state.base, adds: newRevisionCount(set) } : { reason: set.branch.state.reason } } : {}),
    problems,
  };
}

/** The files whose problems are the set's: its revisions (and their SQL down files), its configuration, env.py, the baseline. */
function filesOfSet(set: AnalyzedSet): Set<string> {
  const files = set.files.flatMap((f) => [f.path, f.upgrade?.file, f.downgrade?.file]);
  return new Set([...files, set.spec.configFile, set.settings.configFile, set.env?.path, set.baseline?.file].filter((f): f is string => f !== undefined));
}

export function summarizeRevision(set: AnalyzedSet, id: string, counts: ReadonlyMap<string, ProblemCounts> = new Map()): RevisionSummary | undefined {
  const graph = set.graph;
  const node = graph.nodes.get(id);
  if (!node) return undefined;
  const file = node.file;
  const parents = (file.downRevision?.refs ?? []).map((r) => r.id);
  const fileCounts = counts.get(file.path);
  return {
    id,
    file: file.path,
    line: file.revision?.statement.start.line ?? 0,
    message: file.docstring?.message ?? "",
    ...(file.migrationName ? { migrationName: file.migrationName } : {}),
    createDate: file.docstring?.createDate || undefined,
    parents,
    missingParents: parents.filter((p) => graph.resolve(p) === undefined),
    children: [...node.children],
    dependsOn: (file.dependsOn?.refs ?? []).map((r) => r.id),
    declaredLabels: [...node.declaredLabels],
    labels: [...node.labels].sort(),
    // As revisionGraph.ts defines heads, bases, merge and branch points (looked up per node, not searched).
    isHead: node.children.length === 0,
    isBase: file.downRevision?.isNone === true,
    isMergePoint: (file.downRevision?.refs.length ?? 0) > 1,
    isBranchPoint: node.children.length > 1,
    errors: fileCounts?.errors ?? 0,
    warnings: fileCounts?.warnings ?? 0,
    isNew: set.branch?.state.available === true && set.branch.newFiles.has(file.path),
  };
}

/** The totals the status bar and the view's badge show, sent after every analysis: one problem per finding, as each is published. */
export function summarizeAnalysis(result: AnalysisResult): AnalysisSummary {
  let revisions = 0;
  let heads = 0;
  for (const set of result.sets) {
    revisions += set.graph.nodes.size;
    heads += set.graph.heads.length;
  }
  return {
    sets: result.sets.length,
    revisions,
    heads,
    errors: result.findings.filter((f) => f.severity === "error").length,
    warnings: result.findings.filter((f) => f.severity === "warning").length,
    infos: result.findings.filter((f) => f.severity === "info").length,
    newMigrations: result.sets.reduce((n, set) => n + newRevisionCount(set), 0),
    scope: branchSummaryLines(result),
  };
}

export function countByFile(findings: readonly Finding[]): Map<string, ProblemCounts> {
  const counts = new Map<string, { errors: number; warnings: number; infos: number }>();
  for (const finding of findings) {
    const entry = counts.get(finding.file) ?? { errors: 0, warnings: 0, infos: 0 };
    if (finding.severity === "error") entry.errors++;
    if (finding.severity === "warning") entry.warnings++;
    if (finding.severity === "info") entry.infos++;
    counts.set(finding.file, entry);
  }
  return counts;
}
