import type { RevisionSummary } from "../../../server/src/protocol";

/**
 * Lays out a revision graph for drawing, with no drawing and no `vscode` in it: rows are depths
 * (the longest path from a base), columns are lanes. A chain (a revision, then the child that goes
 * furthest, and so on) keeps one lane; the longest chain takes the first lane; every other chain
 * takes the lowest lane free for the rows it spans; an edge that cannot stay in a lane gets one of its own.
 * Linear runs of plain revisions fold into one node unless expanded. Broken references hang from a
 * ghost node one row below the revision that names them.
 */

export interface LayoutOptions {
  /** Keys of runs (`run:<oldest id>`) to show expanded. */
  readonly expanded?: ReadonlySet<string>;
  /** Show every run expanded. */
  readonly expandAll?: boolean;
  /** Shortest run folded into one node; shorter runs stay as they are. */
  readonly minRun?: number;
}

export const DEFAULT_MIN_RUN = 5;

interface NodeBase {
  /** Unique within the layout: the revision id, `run:<oldest id>` or `ghost:<missing id>`. */
  readonly key: string;
  readonly lane: number;
  readonly depth: number;
}

export interface RevisionNode extends NodeBase {
  readonly kind: "revision";
  readonly revision: RevisionSummary;
}

export interface RunNode extends NodeBase {
  readonly kind: "run";
  /** The folded revisions, oldest first. */
  readonly revisions: readonly RevisionSummary[];
}

export interface GhostNode extends NodeBase {
  readonly kind: "ghost";
  /** The id (or label) that names nothing. */
  readonly id: string;
  /** Revisions whose down_revision names it. */
  readonly referrers: readonly string[];
}

export type LayoutNode = RevisionNode | RunNode | GhostNode;

export interface LayoutEdge {
  /** Key of the older node (the parent, or the ghost). */
  readonly from: string;
  /** Key of the newer node. */
  readonly to: string;
  /** parent: down_revision; broken: down_revision to a ghost; depends: depends_on. */
  readonly kind: "parent" | "broken" | "depends";
  /**
   * The lane the edge runs in between the rows next to its ends; undefined when it goes
   * straight from one node to the other (same lane, adjacent rows, or depends_on).
   */
  readonly via: number | undefined;
  /** The lane whose colour the edge takes: the branch it leads into, or the one it leaves. */
  readonly lane: number;
}

export interface GraphLayout {
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
  readonly lanes: number;
  readonly minDepth: number;
  readonly maxDepth: number;
  /** Runs folded into one node, and the revisions they hide. */
  readonly folded: { readonly runs: number; readonly revisions: number };
  /** Runs long enough to fold, folded or not: what "collapse all" acts on. */
  readonly foldable: number;
}

/** Key of the node a folded run is drawn as: `run:` and the id of its oldest revision. */
export function runKey(oldestId: string): string {
  return `run:${oldestId}`;
}

/** The node key that shows a revision in a layout (its own, or its folded run's), if any. */
export function nodeKeyOf(layout: GraphLayout, revisionId: string): string | undefined {
  for (const n of layout.nodes) {
    if (n.kind === "revision" && n.revision.id === revisionId) return n.key;
    if (n.kind === "run" && n.revisions.some((r) => r.id === revisionId)) return n.key;
  }
  return undefined;
}

export function layoutGraph(revisions: readonly RevisionSummary[], options: LayoutOptions = {}): GraphLayout {
  const history = readHistory(revisions);
  const runs = findRuns(history, options);
  const nodes = buildNodes(history, runs.runOf);
  assignDepths(nodes);
  const edges = assignLanes(nodes);
  // depends_on: drawn straight, between whatever nodes show the two revisions.
  for (const r of history.oldestFirst) {
    for (const d of new Set(r.dependsOn)) {
      const from = history.byId.has(d) ? (runs.runOf.get(d) ?? d) : undefined;
      const to = runs.runOf.get(r.id) ?? r.id;
      if (from && from !== to && nodes.has(from) && nodes.has(to)) edges.push({ from, to, kind: "depends", via: undefined, lane: nodes.get(to)!.lane });
    }
  }

  const laid = [...nodes.values()]
    .sort((a, b) => a.depth - b.depth || a.order - b.order)
    .map((n): LayoutNode => {
      const base = { key: n.key, lane: n.lane, depth: n.depth };
      if (n.kind === "run") return { ...base, kind: "run", revisions: n.revisions };
      if (n.kind === "ghost") return { ...base, kind: "ghost", id: n.ghostId!, referrers: n.children.flatMap((c) => nodes.get(c)!.revisions.map((r) => r.id)) };
      return { ...base, kind: "revision", revision: n.revisions[0]! };
    });
  const depths = laid.map((n) => n.depth);
  return {
    nodes: laid,
    edges,
    lanes: laid.length === 0 ? 0 : Math.max(...laid.map((n) => n.lane)) + 1,
    minDepth: depths.length ? Math.min(...depths) : 0,
    maxDepth: depths.length ? Math.max(...depths) : 0,
    folded: runs.folded,
    foldable: runs.foldable,
  };
}

interface History {
  readonly oldestFirst: readonly RevisionSummary[];
  readonly byId: ReadonlyMap<string, RevisionSummary>;
  /** Position in oldest-first order, for stable ties. */
  readonly order: ReadonlyMap<string, number>;
  /** Resolved parents, in down_revision order (from the children lists: a parent may be written as a label). */
  readonly parentsOf: ReadonlyMap<string, readonly string[]>;
  readonly childrenOf: (id: string) => string[];
}

function readHistory(revisions: readonly RevisionSummary[]): History {
  const oldestFirst = [...revisions].reverse();
  const byId = new Map<string, RevisionSummary>();
  for (const r of oldestFirst) if (!byId.has(r.id)) byId.set(r.id, r);
  const order = new Map<string, number>();
  oldestFirst.forEach((r, i) => order.set(r.id, order.get(r.id) ?? i));
  const parentsOf = new Map<string, string[]>();
  for (const r of byId.values()) {
    for (const child of new Set(r.children)) {
      if (!byId.has(child) || child === r.id) continue;
      parentsOf.set(child, [...(parentsOf.get(child) ?? []), r.id]);
    }
  }
  for (const [child, list] of parentsOf) {
    const written = byId.get(child)?.parents ?? [];
    const rank = (id: string) => {
      const i = written.indexOf(id);
      return i < 0 ? written.length + (order.get(id) ?? 0) : i;
    };
    list.sort((a, b) => rank(a) - rank(b));
  }
  const childrenOf = (id: string) => [...new Set(byId.get(id)?.children ?? [])].filter((c) => byId.has(c) && c !== id);
  return { oldestFirst, byId, order, parentsOf, childrenOf };
}

/** Linear runs: chains of plain revisions (one parent, one child, nothing to point out). */
function findRuns(history: History, options: LayoutOptions) {
  const minRun = Math.max(2, options.minRun ?? DEFAULT_MIN_RUN);
  const { byId, parentsOf, childrenOf } = history;
  const dependedOn = new Set<string>();
  for (const r of byId.values()) for (const d of r.dependsOn) dependedOn.add(d);
  const plain = (r: RevisionSummary) =>
    (parentsOf.get(r.id)?.length ?? 0) === 1 &&
    r.missingParents.length === 0 &&
    childrenOf(r.id).length === 1 &&
    !r.isHead && !r.isNew && !r.isBase && !r.isMergePoint && !r.isBranchPoint &&
    r.errors === 0 && r.warnings === 0 &&
    r.declaredLabels.length === 0 && r.dependsOn.length === 0 && !dependedOn.has(r.id);

  const runOf = new Map<string, string>();
  const folded = { runs: 0, revisions: 0 };
  let foldable = 0;
  for (const r of history.oldestFirst) {
    if (runOf.has(r.id) || !plain(r)) continue;
    const parent = byId.get(parentsOf.get(r.id)?.[0] ?? "");
    if (parent && plain(parent)) continue; // not the start of its run
    const run: RevisionSummary[] = [];
    const seen = new Set<string>();
    for (let cur: RevisionSummary | undefined = r; cur && plain(cur) && !seen.has(cur.id); cur = byId.get(childrenOf(cur.id)[0] ?? "")) {
      seen.add(cur.id);
      run.push(cur);
    }
    if (run.length < minRun) continue;
    foldable++;
    const key = runKey(run[0]!.id);
    if (options.expandAll || options.expanded?.has(key)) continue;
    folded.runs++;
    folded.revisions += run.length;
    for (const member of run) runOf.set(member.id, key);
  }
  return { runOf, folded, foldable };
}

interface WorkNode {
  readonly key: string;
  readonly kind: LayoutNode["kind"];
  /** Position in oldest-first order, for stable ties. */
  readonly order: number;
  readonly revisions: RevisionSummary[];
  readonly ghostId?: string;
  /** Keys of parents: resolved ones (the primary, deepest, first), then ghosts. */
  parents: string[];
  children: string[];
  depth: number;
  /** How many revisions lie above, on the longest way up. */
  height: number;
  lane: number;
}

/** One node per shown revision, per folded run, and per id that names nothing (a ghost). */
function buildNodes(history: History, runOf: ReadonlyMap<string, string>): Map<string, WorkNode> {
  const nodes = new Map<string, WorkNode>();
  const add = (key: string, kind: LayoutNode["kind"], order: number, revisions: RevisionSummary[], ghostId?: string) =>
    nodes.set(key, { key, kind, order, revisions, ...(ghostId === undefined ? {} : { ghostId }), parents: [], children: [], depth: 0, height: 0, lane: 0 });
  for (const r of history.oldestFirst) {
    const key = runOf.get(r.id) ?? r.id;
    const order = history.order.get(r.id) ?? 0;
    const node = nodes.get(key);
    if (!node) add(key, runOf.has(r.id) ? "run" : "revision", order, [r]);
    else if (node.kind === "run") node.revisions.push(r);
  }
  const link = (from: string, to: string) => {
    const parent = nodes.get(from)!, child = nodes.get(to)!;
    if (from === to || child.parents.includes(from)) return;
    child.parents.push(from);
    parent.children.push(to);
  };
  for (const r of history.oldestFirst) {
    for (const p of history.parentsOf.get(r.id) ?? []) link(runOf.get(p) ?? p, runOf.get(r.id) ?? r.id);
  }
  // Ghosts: one per missing id, linked to every revision that names it.
  for (const r of history.oldestFirst) {
    if (runOf.has(r.id)) continue;
    for (const missing of new Set(r.missingParents)) {
      const key = `ghost:${missing}`;
      if (!nodes.has(key)) add(key, "ghost", (history.order.get(r.id) ?? 0) - 0.5, [], missing);
      link(key, r.id);
    }
  }
  return nodes;
}

/**
 * Depth: the longest path from a base over resolved links (cycles placed after, below their placed
 * parents); a ghost sits one row below the lowest revision naming it. Height: revisions above, a
 * folded run weighing what it holds. A merge's primary parent becomes its deepest.
 */
function assignDepths(nodes: Map<string, WorkNode>): void {
  const real = (key: string) => nodes.get(key)!.kind !== "ghost";
  const sorted = [...nodes.values()].filter((n) => real(n.key)).sort((a, b) => a.order - b.order);
  const indegree = new Map(sorted.map((n) => [n.key, n.parents.filter(real).length]));
  const topo = sorted.filter((n) => indegree.get(n.key) === 0);
  for (let i = 0; i < topo.length; i++) {
    const n = topo[i]!;
    for (const c of n.children) {
      const child = nodes.get(c)!;
      child.depth = Math.max(child.depth, n.depth + 1);
      const left = indegree.get(c)! - 1;
      indegree.set(c, left);
      if (left === 0) topo.push(child);
    }
  }
  const done = new Set(topo.map((n) => n.key));
  for (const n of sorted) {
    if (done.has(n.key)) continue;
    n.depth = Math.max(0, ...n.parents.filter((p) => done.has(p)).map((p) => nodes.get(p)!.depth + 1));
    done.add(n.key);
    topo.push(n);
  }
  for (const n of [...topo].reverse()) {
    for (const c of n.children) {
      const child = nodes.get(c)!;
      if (child.depth > n.depth) n.height = Math.max(n.height, child.height + Math.max(1, child.revisions.length));
    }
  }
  for (const n of nodes.values()) {
    if (n.kind === "ghost") n.depth = Math.min(...n.children.map((c) => nodes.get(c)!.depth)) - 1;
    const resolved = n.parents.filter(real);
    const rank = new Map(resolved.map((p, i) => [p, i]));
    resolved.sort((a, b) => nodes.get(b)!.depth - nodes.get(a)!.depth || rank.get(a)! - rank.get(b)!);
    n.parents = [...resolved, ...n.parents.filter((p) => !real(p))];
  }
}

/** Gives every node a lane and every edge its route; returns the edges. */
function assignLanes(nodes: Map<string, WorkNode>): LayoutEdge[] {
  const primary = (n: WorkNode): WorkNode | undefined => {
    const p = n.parents[0] === undefined ? undefined : nodes.get(n.parents[0]);
    return p && p.depth < n.depth ? p : undefined;
  };
  // Which child carries on in its parent's lane: the one that goes furthest.
  const continuation = new Map<string, string>();
  for (const n of nodes.values()) {
    const own = n.children.map((c) => nodes.get(c)!).filter((c) => primary(c) === n);
    const reach = (c: WorkNode) => c.height + Math.max(1, c.revisions.length);
    own.sort((a, b) => reach(b) - reach(a) || a.depth - b.depth || a.order - b.order);
    if (own[0]) continuation.set(n.key, own[0].key);
  }
  // A parent whose lane ends with no continuation runs on in it to its nearest other child.
  const tail = new Map<string, string>();
  for (const n of nodes.values()) {
    if (continuation.has(n.key)) continue;
    const others = n.children.map((c) => nodes.get(c)!).filter((c) => primary(c) !== n && c.depth > n.depth + 1);
    others.sort((a, b) => a.depth - b.depth || a.order - b.order);
    if (others[0]) tail.set(n.key, others[0].key);
  }

  // Each lane holds the intervals of rows already taken.
  const occupied: [number, number][][] = [];
  const free = (lane: number, from: number, to: number) => (occupied[lane] ?? []).every(([a, b]) => to < a || from > b);
  const allocate = (from: number, to: number) => {
    let lane = 0;
    while (!free(lane, from, to)) lane++;
    (occupied[lane] ??= []).push([from, to]);
    return lane;
  };

  // Chains: a node and its continuations share a lane. The longest chain goes first, so the
  // main line of the history is the leftmost lane; a chain hanging from a ghost yields on ties.
  const chains: WorkNode[][] = [];
  for (const n of nodes.values()) {
    const p = primary(n);
    if (p && continuation.get(p.key) === n.key) continue;
    const chain = [n];
    for (let next = continuation.get(n.key); next !== undefined; next = continuation.get(next)) chain.push(nodes.get(next)!);
    chains.push(chain);
  }
  const span = (chain: WorkNode[]) => {
    const firstReal = chain.find((n) => n.kind !== "ghost");
    return firstReal ? chain[chain.length - 1]!.depth - firstReal.depth : -1;
  };
  const broken = (chain: WorkNode[]) => (chain[0]!.kind === "ghost" ? 1 : 0);
  chains.sort((a, b) => span(b) - span(a) || broken(a) - broken(b) || a[0]!.depth - b[0]!.depth || a[0]!.order - b[0]!.order);
  for (const chain of chains) {
    const first = chain[0]!, last = chain[chain.length - 1]!;
    const p = primary(first);
    const tailChild = tail.get(last.key);
    const lane = allocate(p ? p.depth + 1 : first.depth, Math.max(last.depth, tailChild ? nodes.get(tailChild)!.depth - 1 : last.depth));
    for (const n of chain) n.lane = lane;
  }

  // Edges: within a lane; into a branch's own lane; on in a parent's ending lane; else a lane of their own.
  const edges: LayoutEdge[] = [];
  for (const n of [...nodes.values()].sort((a, b) => a.depth - b.depth || a.order - b.order)) {
    const p = primary(n);
    for (const parentKey of n.parents) {
      const q = nodes.get(parentKey)!;
      let via: number | undefined;
      if (n.depth - q.depth <= 1) via = undefined;
      else if (q === p) via = continuation.get(q.key) === n.key ? undefined : n.lane;
      else if (tail.get(q.key) === n.key) via = q.lane;
      else via = allocate(q.depth + 1, n.depth - 1);
      edges.push({ from: q.key, to: n.key, kind: q.kind === "ghost" ? "broken" : "parent", via, lane: q === p ? n.lane : q.lane });
    }
  }
  return edges;
}
