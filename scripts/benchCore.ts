// The analysis core in this process (MigrationWorkspace, no CLI or server around it): cold
// discover + analyze, then one-file edits on disk followed by refresh + analyze. Separates the
// core's own cost from process start-up and protocol overhead. Writes the edits to the project's
// files, so it runs after every measurement that reads them.
import * as fs from "node:fs";
import type { AnalysisResult } from "../server/src/core/analysis/analyzeSets";
import { MigrationWorkspace } from "../server/src/core/analysis/workspace";
import { NodeFileHost } from "../server/src/node/nodeFileHost";
import { median, time } from "./benchStats";

export interface CoreFigures {
  coldRuns: number;
  cold: { discover: number; analyze: number }[];
  coldMedianMs: number;
  firstColdMs: number;
  edits: { refresh: number; analyze: number }[];
  editMedianMs: number;
  editMaxMs: number;
  revisions: number;
  sets: number;
  files: number;
  findings: { total: number; errors: number; warnings: number; infos: number };
  shape: { heads: number; bases: number; merges: number; branchPoints: number };
}

export const peakMemory = { rss: 0, heapUsed: 0 };
function sampled<T>(fn: () => T): [T, number] {
  const out = time(fn);
  const m = process.memoryUsage();
  peakMemory.rss = Math.max(peakMemory.rss, m.rss);
  peakMemory.heapUsed = Math.max(peakMemory.heapUsed, m.heapUsed);
  return out;
}

export function measureCore(root: string, files: readonly string[], coldRuns: number, editCount: number): CoreFigures {
  const cold: CoreFigures["cold"] = [];
  const coldRun = (): [MigrationWorkspace, AnalysisResult] => {
    const ws = new MigrationWorkspace(new NodeFileHost(), [root]);
    const [, discover] = sampled(() => ws.discover());
    const [result, analyze] = sampled(() => ws.analyze());
    cold.push({ discover, analyze });
    return [ws, result];
  };
  for (let run = 1; run < coldRuns; run++) coldRun();
  const [ws, result] = coldRun();

  const edits: CoreFigures["edits"] = [];
  for (let i = 0; i < editCount; i++) {
    const file = files[Math.floor(((i + 0.5) * files.length) / editCount)]!;
    const text = fs.readFileSync(file, "utf8");
    const line = `    op.add_column('bench_edits', sa.Column('edit_${i}', sa.Integer(), nullable=True))\n`;
    fs.writeFileSync(file, text.replace(/(def upgrade\(\) -> None:\n.*\n)/, `$1${line}`));
    const [, refresh] = sampled(() => ws.refresh(file));
    const [, analyze] = sampled(() => ws.analyze());
    edits.push({ refresh, analyze });
  }

  const sets = result.sets;
  const sum = (n: (s: (typeof sets)[number]) => number): number => sets.reduce((a, s) => a + n(s), 0);
  const bySeverity = (s: string): number => result.findings.filter((x) => x.severity === s).length;
  const coldTotals = cold.map((c) => c.discover + c.analyze);
  const editTotals = edits.map((e) => e.refresh + e.analyze);
  return {
    coldRuns,
    cold,
    coldMedianMs: median(coldTotals),
    firstColdMs: coldTotals[0] ?? Number.NaN,
    edits,
    editMedianMs: median(editTotals),
    editMaxMs: Math.max(...editTotals),
    revisions: sum((s) => s.graph.nodes.size),
    sets: sets.length,
    files: result.files.length,
    findings: { total: result.findings.length, errors: bySeverity("error"), warnings: bySeverity("warning"), infos: bySeverity("info") },
    shape: { heads: sum((s) => s.graph.heads.length), bases: sum((s) => s.graph.bases.length), merges: sum((s) => s.graph.mergePoints.length), branchPoints: sum((s) => s.graph.branchPoints.length) },
  };
}
