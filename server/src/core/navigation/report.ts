import * as path from "node:path";
import type { AnalysisResult } from "../analysis/analyzeSets";
import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Finding } from "../model/findings";
import { historyOrder } from "./historyOrder";

/**
 * A Markdown report of the whole workspace: per set its heads, bases, merge and branch points,
 * then every diagnostic grouped by file with 1-based line:column. Paths are shown relative to
 * `base` (the workspace folder) when given.
 */
export function renderMarkdownReport(result: AnalysisResult, base?: string): string {
  const shown = (file: string): string => (base ? path.relative(base, file) || path.basename(file) : file);
  const count = (severity: Finding["severity"]): number => result.findings.filter((f) => f.severity === severity).length;
  const revisions = result.sets.reduce((n, s) => n + s.graph.nodes.size, 0);
  const lines = [
    "# Migration Lens report",
    "",
    `${plural(result.sets.length, "set")} · ${plural(revisions, "revision")} · ${plural(count("error"), "error")} · ${plural(count("warning"), "warning")} · ${plural(count("info"), "info")}`,
    "",
  ];
  for (const set of result.sets) lines.push(...setSection(set, shown), "");

  lines.push("## Diagnostics", "");
  if (result.findings.length === 0) lines.push("None.", "");
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  for (const [file, findings] of byFile) {
    lines.push(`### \`${shown(file)}\``, "", "| Line | Severity | Rule | Message |", "|---:|---|---|---|");
    for (const f of findings) lines.push(`| ${f.range.start.line + 1}:${f.range.start.character + 1} | ${f.severity} | \`${f.rule}\` | ${cell(f.message)} |`);
    lines.push("");
  }
  return lines.join("\n");
}

function setSection(set: AnalyzedSet, shown: (file: string) => string): string[] {
  const graph = set.graph;
  const order = historyOrder(graph);
  const describe = (ids: readonly string[]): string => {
    if (ids.length === 0) return "none";
    const ordered = order.filter((id) => ids.includes(id));
    return ordered.map((id) => {
      const message = graph.nodes.get(id)?.file.docstring?.message;
      return message ? `\`${id}\` (${cell(message)})` : `\`${id}\``;
    }).join(", ");
  };
  const config = set.spec.configFile ? ` — from \`${shown(set.spec.configFile)}\`${set.spec.section && set.spec.section !== "alembic" ? ` [${set.spec.section}]` : ""}` : " — found without configuration";
  return [
    `## \`${shown(set.spec.root)}\`${config}`,
    "",
    `- Revisions: ${graph.nodes.size}`,
    `- Heads: ${describe(graph.heads)}`,
    `- Bases: ${describe(graph.bases)}`,
    `- Merge points: ${describe(graph.mergePoints)}`,
    `- Branch points: ${describe(graph.branchPoints)}`,
    ...(graph.cycles.length ? [`- Cycles: ${graph.cycles.map((c) => c.map((id) => `\`${id}\``).join(" → ")).join("; ")}`] : []),
  ];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}
