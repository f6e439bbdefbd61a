import type { AnalysisResult } from "../analysis/analyzeSets";
import type { RevisionFile } from "../alembic/revisionFile";
import type { Position, Range } from "../model/positions";
import { describeRevision } from "./hover";
import { findFile } from "./revisionReferences";
import { reachable } from "../graph/reachable";

export interface RevisionCompletion {
  readonly id: string;
  readonly detail: string;
  readonly documentation: string;
  /** Orders heads first, then newest first. */
  readonly sortText: string;
  /** The text inside the quotes to replace. */
  readonly range: Range;
}

/**
 * Revision ids to write inside a `down_revision` or `depends_on` string: heads first, then
 * newest first (children before parents). The file itself and its descendants are left out
 * (naming them makes a cycle). Works on half-typed lines (an unclosed quote), so it reads the
 * line's text, not the parse. Every keystroke builds a new graph, so this avoids the history
 * walk and uses the graph's own topological order, reversed.
 */
export function revisionCompletionsAt(result: AnalysisResult, file: string, position: Position): RevisionCompletion[] {
  const found = findFile(result, file);
  if (!found) return [];
  const range = stringRangeAt(found.file, position);
  if (!range) return [];
  const graph = found.set.graph;
  const own = found.file.revision?.id;
  const excluded = own === undefined ? new Set<string>() : reachable(own, (id) => [...(graph.nodes.get(id)?.children ?? []), ...(graph.nodes.get(id)?.dependents ?? [])]);
  const order = [...graph.order].reverse().filter((id) => !excluded.has(id));
  const heads = new Set(graph.heads);
  const ranked = [...order.filter((id) => heads.has(id)), ...order.filter((id) => !heads.has(id))];
  const width = String(ranked.length).length;
  return ranked.map((id, i) => ({
    id,
    detail: graph.nodes.get(id)?.file.docstring?.message ?? "",
    documentation: describeRevision(found.set, id) ?? "",
    sortText: String(i).padStart(width, "0"),
    range,
  }));
}

/** Inside a string of a down_revision / depends_on assignment: the span of the id being typed. */
function stringRangeAt(file: RevisionFile, position: Position): Range | undefined {
  const inStatement = [file.downRevision, file.dependsOn].some(
    (h) => h !== undefined && h.statement.start.line <= position.line && position.line <= h.statement.end.line,
  );
  const line = file.lines.lineText(position.line);
  if (!inStatement && !/^\s*(down_revision|depends_on)\b/.test(line)) return undefined;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < position.character && i < line.length; i++) {
    const c = line[i] as string;
    if (quote === undefined && c === "#") return undefined;
    if (quote !== undefined && c === "\\") i++;
    else if (quote === undefined && (c === "'" || c === '"')) {
      quote = c;
      start = i + 1;
    } else if (c === quote) quote = undefined;
  }
  if (quote === undefined) return undefined;
  let end = position.character;
  while (end < line.length && /[\w.]/.test(line[end] as string)) end++;
  return { start: { line: position.line, character: start }, end: { line: position.line, character: end } };
}
