import type { RevisionFile } from "../alembic/revisionFile";
import { OverlayMap } from "./overlayMap";

export interface RevisionNode {
  readonly id: string;
  readonly file: RevisionFile;
  /** `down_revision` entries that name an existing revision (or branch label), resolved to ids. */
  readonly parents: readonly string[];
  /** `depends_on` entries resolved to ids. */
  readonly dependsOn: readonly string[];
  readonly declaredLabels: readonly string[];
  /** Branch labels after Alembic's propagation to descendants and to the unbranched ancestors. */
  readonly labels: Set<string>;
  readonly children: string[];
  readonly dependents: string[];
  /** `down_revision` holds parts the analysis could not evaluate: its parents are not fully known. */
  readonly partial: boolean;
}

export interface RevisionGraph {
  readonly nodes: ReadonlyMap<string, RevisionNode>;
  /** Every file that defines each id; more than one is a duplicate. */
  readonly definitions: ReadonlyMap<string, readonly RevisionFile[]>;
  /** The ids more than one file defines (few), so no rule walks every definition to find them. */
  readonly duplicated: readonly string[];
  /** Declared (not propagated) branch labels and the revisions that declare them. */
  readonly labelOwners: ReadonlyMap<string, readonly string[]>;
  /** As `alembic heads`: revisions no `down_revision` names (depends_on does not count). */
  readonly heads: readonly string[];
  /** Revisions whose `down_revision` is None. */
  readonly bases: readonly string[];
  readonly branchPoints: readonly string[];
  readonly mergePoints: readonly string[];
  /** Parents before children; revisions caught in cycles come last. */
  readonly order: readonly string[];
  readonly cycles: readonly (readonly string[])[];
  /** A revision id or branch label, as Alembic's revision map resolves it. */
  resolve(reference: string): string | undefined;
}

/** Alembic 0.1 files carry no `revision`: a file named `<hex>.py` takes its id from the name. */
const LEGACY_FILE_NAME = /^([a-f0-9]+)\.py$/;

export function revisionIdOf(file: RevisionFile): string | undefined {
  if (file.revision) return file.revision.id;
  return LEGACY_FILE_NAME.exec(file.path.split(/[\\/]/).pop() ?? "")?.[1];
}

export function buildRevisionGraph(files: readonly RevisionFile[]): RevisionGraph {
  const definitions = new Map<string, RevisionFile[]>();
  for (const file of files) {
    const id = revisionIdOf(file);
    if (id === undefined || id === "") continue;
    const list = definitions.get(id) ?? [];
    list.push(file);
    definitions.set(id, list);
  }

  const labelOwners = new Map<string, string[]>();
  for (const [id, [file]] of definitions) {
    for (const label of file?.branchLabels?.refs ?? []) {
      const owners = labelOwners.get(label.id) ?? [];
      if (!owners.includes(id)) owners.push(id);
      labelOwners.set(label.id, owners);
    }
  }
  const resolve = (reference: string): string | undefined => {
    if (definitions.has(reference)) return reference;
    const owners = labelOwners.get(reference);
    return owners?.length === 1 ? owners[0] : undefined;
  };

  const nodes = new Map<string, RevisionNode>();
  for (const [id, [file]] of definitions) {
    if (!file) continue;
    const resolved = (refs: readonly { id: string }[] | undefined): string[] =>
      [...new Set((refs ?? []).map((r) => resolve(r.id)).filter((r): r is string => r !== undefined))];
    nodes.set(id, {
      id,
      file,
      parents: resolved(file.downRevision?.refs),
      dependsOn: resolved(file.dependsOn?.refs),
      declaredLabels: (file.branchLabels?.refs ?? []).map((r) => r.id),
      labels: new Set(),
      children: [],
      dependents: [],
      partial: (file.downRevision?.unknown.length ?? 0) > 0,
    });
  }
  for (const node of nodes.values()) {
    for (const parent of node.parents) nodes.get(parent)?.children.push(node.id);
    for (const dependency of node.dependsOn) nodes.get(dependency)?.dependents.push(node.id);
  }

  propagateLabels(nodes);
  const all = [...nodes.values()];
  const isBase = (n: RevisionNode): boolean => n.file.downRevision?.isNone === true;
  return {
    nodes,
    definitions,
    duplicated: [...definitions].flatMap(([id, files]) => (files.length > 1 ? [id] : [])),
    labelOwners,
    heads: all.filter((n) => n.children.length === 0).map((n) => n.id),
    bases: all.filter(isBase).map((n) => n.id),
    branchPoints: all.filter((n) => n.children.length > 1).map((n) => n.id),
    mergePoints: all.filter(isMergePoint).map((n) => n.id),
    order: topologicalOrder(nodes),
    cycles: findCycles(nodes),
    resolve,
  };
}

/**
 * The graph with some files read afresh (`swapped`: each file as the graph read it, to its new
 * reading), their headers taken as the graph read them. Only the nodes of those files are new.
 */
export function withFiles(graph: RevisionGraph, swapped: ReadonlyMap<RevisionFile, RevisionFile>): RevisionGraph {
  const nodes = new Map<string, RevisionNode>();
  const definitions = new Map<string, readonly RevisionFile[]>();
  for (const [was, now] of swapped) {
    const id = revisionIdOf(was);
    if (id === undefined) continue;
    const node = graph.nodes.get(id);
    if (node?.file === was) nodes.set(id, { ...node, file: now });
    const files = graph.definitions.get(id);
    if (files?.includes(was)) definitions.set(id, files.map((file) => swapped.get(file) ?? file));
  }
  // Same ids and labels: the same resolution (one function, so what was judged by it can be kept),
  // and the same ids defined twice.
  return { ...graph, nodes: OverlayMap.over(graph.nodes, nodes), definitions: OverlayMap.over(graph.definitions, definitions) };
}

/**
 * Alembic's propagation (RevisionMap._add_branches): every descendant of a labelled revision gets
 * the label; then, from the last descendant its depth-first walk reaches, the unbranched chain
 * below it gets it too, down to a branch or merge point. The walk order is Alembic's (a stack);
 * where Alembic iterates an unordered set, ids are taken in sorted order.
 */
function propagateLabels(nodes: ReadonlyMap<string, RevisionNode>): void {
  for (const node of nodes.values()) {
    if (node.declaredLabels.length === 0) continue;
    const add = (n: RevisionNode): void => node.declaredLabels.forEach((l) => n.labels.add(l));
    const seen = new Set<string>();
    const stack = [node.id];
    let last: RevisionNode = node;
    while (stack.length > 0) {
      const current = nodes.get(stack.pop() as string);
      if (!current || seen.has(current.id)) continue;
      seen.add(current.id);
      add(current);
      stack.push(...[...current.children].sort());
      last = current;
    }
    let parent: RevisionNode | undefined = last;
    const walked = new Set<string>();
    while (parent && !walked.has(parent.id) && parent.children.length + parent.dependents.length <= 1 && !isMergePoint(parent)) {
      walked.add(parent.id);
      add(parent);
      parent = parent.parents[0] === undefined ? undefined : nodes.get(parent.parents[0]);
    }
  }
}

function isMergePoint(node: RevisionNode): boolean {
  return (node.file.downRevision?.refs.length ?? 0) > 1;
}

function topologicalOrder(nodes: ReadonlyMap<string, RevisionNode>): string[] {
  const pending = new Map<string, number>();
  for (const node of nodes.values()) pending.set(node.id, new Set([...node.parents, ...node.dependsOn]).size);
  const ready = [...nodes.values()].filter((n) => pending.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i] as string;
    order.push(id);
    const node = nodes.get(id);
    for (const next of new Set([...(node?.children ?? []), ...(node?.dependents ?? [])])) {
      const left = (pending.get(next) ?? 0) - 1;
      pending.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  const placed = new Set(order);
  for (const id of nodes.keys()) if (!placed.has(id)) order.push(id);
  return order;
}

/** Strongly connected components (Tarjan) over down_revision and depends_on edges. */
function findCycles(nodes: ReadonlyMap<string, RevisionNode>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  const edges = (id: string): string[] => {
    const node = nodes.get(id);
    return node ? [...node.parents, ...node.dependsOn] : [];
  };

  for (const start of nodes.keys()) {
    if (index.has(start)) continue;
    // Iterative depth-first search: histories can be thousands of revisions deep.
    const work: { id: string; next: number }[] = [{ id: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = edges(frame.id);
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        if (component.length > 1 || edges(frame.id).includes(frame.id)) cycles.push(component.reverse());
      }
    }
  }
  return cycles;
}
