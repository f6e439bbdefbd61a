import * as path from "node:path";
import type { AnalysisResult } from "../../server/src/core/analysis/analyzeSets";
import type { Finding } from "../../server/src/core/model/findings";

/**
 * Renders an analysis as a compiler would: each set's heads and bases, then every finding under
 * the source line it points at, with its related places and fixes. Reviewing a change to this
 * text is reviewing a change in behaviour.
 */
export function renderAnalysis(result: AnalysisResult, root: string, readText: (file: string) => string): string {
  const rel = (file: string): string => path.relative(root, file).split(path.sep).join("/") || ".";
  const out: string[] = [];
  for (const set of result.sets) {
    out.push(`set ${rel(set.spec.root)}${set.spec.configFile ? ` (from ${rel(set.spec.configFile)})` : ""}: ${set.graph.nodes.size} revisions`);
    out.push(`  heads: ${[...set.graph.heads].sort().join(" ") || "-"}`);
    out.push(`  bases: ${[...set.graph.bases].sort().join(" ") || "-"}`);
  }
  for (const finding of result.findings) out.push("", ...renderFinding(finding, rel, readText));
  return out.join("\n") + "\n";
}

function renderFinding(f: Finding, rel: (file: string) => string, readText: (file: string) => string): string[] {
  const { start, end } = f.range;
  const lines = [`${rel(f.file)}:${start.line + 1}:${start.character + 1} ${f.severity} ${f.rule}`];
  const source = readText(f.file).split(/\r?\n/)[start.line];
  if (source !== undefined) {
    const width = end.line === start.line ? Math.max(1, end.character - start.character) : Math.max(1, source.length - start.character);
    lines.push(`  | ${source}`, `  | ${" ".repeat(start.character)}${"^".repeat(width)}`);
  }
  lines.push(`  ${f.message}`);
  for (const r of f.related) lines.push(`  related: ${rel(r.file)}:${r.range.start.line + 1}: ${r.message}`);
  for (const fix of f.fixes) {
    lines.push(`  fix: ${fix.title}`);
    for (const e of fix.edits) {
      const at = `${rel(e.file)}:${e.range.start.line + 1}:${e.range.start.character + 1}`;
      lines.push(e.createFile ? `    create ${at} (${e.newText.split("\n").length} lines)` : `    ${at} -> ${JSON.stringify(e.newText)}`);
    }
  }
  return lines;
}
