import * as path from "node:path";
import type { AnalysisResult } from "../analysis/analyzeSets";
import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Position, Range } from "../model/positions";
import { findFile, referenceAt } from "./revisionReferences";
import type { ProblemCounts } from "../../protocol";
import { countByFile, summarizeRevision } from "./summaries";

export interface HoverText {
  readonly range: Range;
  readonly markdown: string;
}

/** A revision id under the cursor, described: message, date, file, parents, children, labels and its place in the graph. */
export function revisionHoverAt(result: AnalysisResult, file: string, position: Position): HoverText | undefined {
  const found = findFile(result, file);
  const ref = found && referenceAt(found.file, position);
  if (!found || !ref) return undefined;
  const id = found.set.graph.resolve(ref.id);
  if (id === undefined) {
    return { range: ref.range, markdown: `\`${ref.id}\` — no revision in this set has this id or branch label.` };
  }
  return { range: ref.range, markdown: describeRevision(found.set, id, countByFile(result.findings)) ?? "" };
}

/** Markdown for one revision; also the documentation of completion items. */
export function describeRevision(set: AnalyzedSet, id: string, counts?: ReadonlyMap<string, ProblemCounts>): string | undefined {
  const r = summarizeRevision(set, id, counts);
  if (!r) return undefined;
  const name = (other: string): string => {
    const message = set.graph.nodes.get(set.graph.resolve(other) ?? "")?.file.docstring?.message;
    return message ? `\`${other}\` ${escape(message)}` : `\`${other}\``;
  };
  const list = (ids: readonly string[]): string => ids.map(name).join(", ");
  const roles = [
    r.isHead && "head",
    r.isBase && "base",
    r.isMergePoint && "merge point",
    r.isBranchPoint && "branch point",
    r.errors > 0 && `${r.errors} error${r.errors > 1 ? "s" : ""}`,
    r.warnings > 0 && `${r.warnings} warning${r.warnings > 1 ? "s" : ""}`,
  ].filter((x): x is string => typeof x === "string");
  const lines = [`**\`${r.id}\`** ${escape(r.message || "(no message)")}`, ""];
  if (roles.length > 0) lines.push(`*${roles.join(" · ")}*`, "");
  const rows: [string, string][] = [];
  if (r.createDate) rows.push(["Created", r.createDate]);
  rows.push(["File", `\`${path.relative(set.spec.root, r.file) || path.basename(r.file)}\``]);
  rows.push(["Parents", r.parents.length ? list(r.parents) : "none (base)"]);
  if (r.missingParents.length) rows.push(["Missing", r.missingParents.map((p) => `\`${p}\``).join(", ")]);
  rows.push(["Children", r.children.length ? list(r.children) : "none (head)"]);
  if (r.dependsOn.length) rows.push(["Depends on", list(r.dependsOn)]);
  if (r.labels.length) rows.push(["Branch labels", r.labels.map((l) => `\`${l}\``).join(", ")]);
  lines.push(...rows.map(([key, value]) => `- ${key}: ${value}`));
  return lines.join("\n");
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}
