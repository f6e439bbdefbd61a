import type { RevisionSummary } from "../../../server/src/protocol";
import type { GraphLayout, LayoutEdge, LayoutNode } from "./layout";

/**
 * Draws a layout as SVG markup (the webview inserts it as is). Pure: no `vscode`. Colours are
 * CSS classes resolved against the theme's --vscode-* variables in media/graph.css; every text
 * is escaped. Heads are at the top, as `alembic history` lists them.
 */

export const LANE_WIDTH = 250;
export const ROW_HEIGHT = 64;
const MARGIN_X = 36;
const MARGIN_Y = 40;
/** Room for the labels right of the last lane. */
const LABEL_WIDTH = 230;
const LANE_COLOURS = 8;
const ID_CHAR = 7.3;
const PILL_CHAR = 6.1;
const MESSAGE_CHAR = 6.4;

export interface RenderOptions {
  /** How a file path is shown in tooltips (e.g. relative to the workspace). */
  readonly describePath?: (file: string) => string;
}

export interface RenderedGraph {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

export function renderGraph(layout: GraphLayout, options: RenderOptions = {}): RenderedGraph {
  const describePath = options.describePath ?? ((f: string) => f);
  const x = (lane: number) => MARGIN_X + lane * LANE_WIDTH;
  const y = (depth: number) => MARGIN_Y + (layout.maxDepth - depth) * ROW_HEIGHT;
  const byKey = new Map(layout.nodes.map((n) => [n.key, n]));

  const edges: string[] = [];
  const dependsEdges: string[] = [];
  for (const edge of layout.edges) {
    const from = byKey.get(edge.from), to = byKey.get(edge.to);
    if (!from || !to) continue;
    const path = edgePath(edge, from, to, x, y);
    if (edge.kind === "depends") {
      dependsEdges.push(`<path class="edge depends" d="${path}"><title>${esc(`${edge.to} depends on ${edge.from}`)}</title></path>`);
    } else {
      const cls = edge.kind === "broken" ? "edge broken" : `edge lane-${edge.lane % LANE_COLOURS}`;
      edges.push(`<path class="${cls}" d="${path}"/>`);
    }
  }

  const nodes = layout.nodes.map((n) => renderNode(n, x(n.lane), y(n.depth), describePath));
  const width = MARGIN_X * 2 + Math.max(0, layout.lanes - 1) * LANE_WIDTH + LABEL_WIDTH;
  const height = MARGIN_Y * 2 + (layout.maxDepth - layout.minDepth) * ROW_HEIGHT;
  const svg = [
    `<g class="edges">${dependsEdges.join("")}${edges.join("")}</g>`,
    `<g class="nodes">${nodes.join("")}</g>`,
  ].join("");
  return { svg, width, height };
}

/** A path through the rows next to its ends: straight within a lane, an S-curve between lanes. */
function edgePath(edge: LayoutEdge, from: LayoutNode, to: LayoutNode, x: (l: number) => number, y: (d: number) => number): string {
  const x0 = x(from.lane), y0 = y(from.depth), x1 = x(to.lane), y1 = y(to.depth);
  if (edge.kind === "depends") {
    const bend = Math.min(90, 24 + Math.abs(y1 - y0) / 6);
    return `M${x0} ${y0}C${x0 - bend} ${y0} ${x1 - bend} ${y1} ${x1} ${y1}`;
  }
  const points: [number, number][] = [[x0, y0]];
  if (edge.via !== undefined) {
    points.push([x(edge.via), y(from.depth + 1)]);
    points.push([x(edge.via), y(to.depth - 1)]);
  }
  points.push([x1, y1]);
  let d = `M${x0} ${y0}`;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!, [bx, by] = points[i]!;
    if (ax === bx && ay === by) continue;
    if (ax === bx) d += `L${bx} ${by}`;
    else {
      const my = (ay + by) / 2;
      d += `C${ax} ${my} ${bx} ${my} ${bx} ${by}`;
    }
  }
  return d;
}

function renderNode(n: LayoutNode, x: number, y: number, describePath: (f: string) => string): string {
  const lane = `lane-${n.lane % LANE_COLOURS}`;
  if (n.kind === "run") {
    const first = n.revisions[0]!, last = n.revisions[n.revisions.length - 1]!;
    const title = `${n.revisions.length} revisions in a straight line, folded:\n${first.id} ${first.message}\n…\n${last.id} ${last.message}\nClick to expand.`;
    return group(n, x, y, `node run ${lane}`, `${n.revisions.length} folded revisions from ${first.id} to ${last.id}; press Enter to expand`, title, [
      `<rect class="shape" x="-8" y="-16" width="16" height="32" rx="8"/>`,
      `<circle class="dot" cx="0" cy="-8" r="1.8"/><circle class="dot" cx="0" cy="0" r="1.8"/><circle class="dot" cx="0" cy="8" r="1.8"/>`,
      `<text class="id" x="18" y="-3">${esc(`… ${n.revisions.length} revisions`)}</text>`,
      `<text class="message" x="18" y="13">${esc(truncate(`${short(first.id)} → ${short(last.id)} · click to expand`, messageRoom()))}</text>`,
    ]);
  }
  if (n.kind === "ghost") {
    const title = `'${n.id}' names no revision in this set (named by ${n.referrers.join(", ")}).\nClick to open the file that names it.`;
    return group(n, x, y, "node ghost", `missing revision ${n.id}`, title, [
      `<circle class="shape" r="7"/>`,
      `<path class="cross" d="M-3 -3L3 3M3 -3L-3 3"/>`,
      `<text class="id" x="18" y="-3">${esc(truncate(n.id, 22))}</text>`,
      `<text class="message" x="18" y="13">${esc(truncate(`missing — named by ${n.referrers.map(short).join(", ")}`, messageRoom()))}</text>`,
    ]);
  }
  const r = n.revision;
  const classes = ["node", "revision", lane];
  if (r.isHead) classes.push("head");
  if (r.isNew) classes.push("new");
  if (r.isBase) classes.push("base");
  if (r.isMergePoint) classes.push("merge");
  if (r.isBranchPoint) classes.push("branch");
  if (r.errors > 0) classes.push("has-errors");
  else if (r.warnings > 0) classes.push("has-warnings");
  const shape = r.isMergePoint
    ? `<path class="shape" d="M0 -9L9 0L0 9L-9 0Z"/>`
    : r.isHead
      ? `<circle class="halo" r="11"/><circle class="shape" r="7"/>`
      : `<circle class="shape" r="${r.isBase || r.isBranchPoint ? 7 : 6}"/>`;
  const pills: [string, string][] = [];
  if (r.isNew) pills.push(["new", "new"]);
  if (r.isHead) pills.push(["head", "head"]);
  if (r.isBase) pills.push(["base", "base"]);
  for (const label of r.declaredLabels) pills.push(["label", `⎇ ${label}`]);
  if (r.errors > 0) pills.push(["errors", `✖ ${r.errors}`]);
  if (r.warnings > 0) pills.push(["warnings", `⚠ ${r.warnings}`]);
  let px = 18 + r.id.length * ID_CHAR + 8;
  const pillMarkup: string[] = [];
  for (const [cls, text] of pills) {
    const w = Math.round(text.length * PILL_CHAR + 12);
    if (px + w > LANE_WIDTH - 14 && pillMarkup.length > 0) break;
    pillMarkup.push(`<g class="pill ${cls}" transform="translate(${round(px)} -15)"><rect width="${w}" height="15" rx="7.5"/><text x="${w / 2}" y="11">${esc(text)}</text></g>`);
    px += w + 5;
  }
  return group(n, x, y, classes.join(" "), `revision ${r.id}${r.message ? `: ${r.message}` : ""}`, revisionTitle(r, describePath), [
    shape,
    `<text class="id" x="18" y="-3">${esc(r.id)}</text>`,
    ...pillMarkup,
    `<text class="message" x="18" y="13">${esc(truncate(r.message || "(no message)", messageRoom()))}</text>`,
  ]);
}

function group(n: LayoutNode, x: number, y: number, cls: string, aria: string, title: string, body: string[]): string {
  const id = n.kind === "revision" ? ` data-id="${esc(n.revision.id)}"` : "";
  return `<g class="${cls}" data-key="${esc(n.key)}" data-kind="${n.kind}"${id} transform="translate(${x} ${y})" tabindex="0" role="button" aria-label="${esc(aria)}"><title>${esc(title)}</title><rect class="hit" x="-14" y="-20" width="${LANE_WIDTH - 20}" height="40" rx="6"/>${body.join("")}</g>`;
}

function revisionTitle(r: RevisionSummary, describePath: (f: string) => string): string {
  const lines = [`${r.id}${r.message ? ` — ${r.message}` : ""}`];
  if (r.createDate) lines.push(`Created: ${r.createDate}`);
  lines.push(`File: ${describePath(r.file)}`);
  const parents = r.parents.map((p) => (r.missingParents.includes(p) ? `${p} (missing)` : p));
  lines.push(`Parents: ${parents.length ? parents.join(", ") : "none (base)"}`);
  if (r.dependsOn.length) lines.push(`Depends on: ${r.dependsOn.join(", ")}`);
  if (r.labels.length) lines.push(`Branch labels: ${r.labels.join(", ")}`);
  const marks = [r.isNew && "new on this branch", r.isHead && "head", r.isBase && "base", r.isMergePoint && "merge point", r.isBranchPoint && "branch point"].filter(Boolean);
  if (marks.length) lines.push(`Marks: ${marks.join(", ")}`);
  if (r.errors || r.warnings) lines.push(`Problems: ${plural(r.errors, "error")}, ${plural(r.warnings, "warning")}`);
  return lines.join("\n");
}

const messageRoom = () => Math.floor((LANE_WIDTH - 40) / MESSAGE_CHAR);
const short = (id: string) => (id.length > 8 ? id.slice(0, 8) : id);
const round = (n: number) => Math.round(n * 10) / 10;

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function truncate(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
