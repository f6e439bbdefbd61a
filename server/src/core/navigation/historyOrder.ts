import type { RevisionGraph, RevisionNode } from "../graph/revisionGraph";
import { reachable } from "../graph/reachable";

/**
 * Revisions newest first, as `alembic history` lists them: Alembic 1.8's
 * `RevisionMap._topological_sort` over every revision, walking down from the heads and switching
 * to another head whenever that head still needs the candidate (children before parents).
 * Alembic orders by its map's insertion order (the folder listing); we use file paths. Revisions
 * the walk cannot reach (cycles) come last.
 */
export function historyOrder(graph: RevisionGraph): readonly string[] {
  // Graphs are immutable once built: the tree view, the report and hovers share one walk.
  let order = computed.get(graph);
  if (!order) computed.set(graph, (order = walk(graph)));
  return order;
}

const computed = new WeakMap<RevisionGraph, readonly string[]>();

function walk(graph: RevisionGraph): string[] {
  const inserted = [...graph.nodes.values()].sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0)).map((n) => n.id);
  const rank = new Map(inserted.map((id, i) => [id, i]));
  const down = normalizedDownRevisions(graph);
  const ancestors = (id: string): Set<string> => {
    return reachable(id, (next) => down.get(next) ?? []);
  };

  const todo = new Set(inserted);
  const heads = graph.heads.filter((h) => todo.has(h)).sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  const ancestorsByIndex = heads.map(ancestors);
  const output: string[] = [];
  let index = 0;
  // Alembic assumes an acyclic map; a cycle could make two heads wait on each other forever.
  let switches = 0;
  while (heads.length > 0) {
    const candidate = heads[index] as string;
    const waitingHead = switches > heads.length ? -1 : ancestorsByIndex.findIndex((a, i) => i !== index && a.has(candidate));
    if (waitingHead >= 0) {
      index = waitingHead;
      switches++;
      continue;
    }
    switches = 0;
    if (todo.delete(candidate)) output.push(candidate);
    const toAdd = (down.get(candidate) ?? []).filter((r) => todo.has(r) && !heads.includes(r));
    if (toAdd.length === 0) {
      heads.splice(index, 1);
      ancestorsByIndex.splice(index, 1);
      index = Math.max(index - 1, 0);
    } else if (isPlainStep(graph.nodes.get(candidate), down.get(candidate) ?? [])) {
      heads[index] = toAdd[0] as string;
      ancestorsByIndex[index]?.delete(candidate);
    } else {
      heads[index] = toAdd[0] as string;
      heads.push(...toAdd.slice(1));
      ancestorsByIndex[index] = ancestors(toAdd[0] as string);
      ancestorsByIndex.push(...toAdd.slice(1).map(ancestors));
    }
  }
  return [...output, ...inserted.filter((id) => todo.has(id))];
}

/** One down_revision and no extra dependencies: Alembic moves straight down the line. */
function isPlainStep(node: RevisionNode | undefined, down: readonly string[]): boolean {
  return node !== undefined && node.parents.length === 1 && down.length === node.parents.length;
}

/**
 * Alembic's `_normalized_down_revisions`: down_revision plus the depends_on entries that no
 * down_revision ancestor already depends on.
 */
function normalizedDownRevisions(graph: RevisionGraph): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const node of graph.nodes.values()) {
    const dependencies = new Set(node.dependsOn);
    if (dependencies.size > 0) {
      const seen = new Set<string>([node.id]);
      const stack = [...node.parents];
      while (stack.length > 0 && dependencies.size > 0) {
        const id = stack.pop() as string;
        if (seen.has(id)) continue;
        seen.add(id);
        const ancestor = graph.nodes.get(id);
        ancestor?.dependsOn.forEach((d) => dependencies.delete(d));
        stack.push(...(ancestor?.parents ?? []));
      }
    }
    result.set(node.id, [...new Set([...node.parents, ...dependencies])]);
  }
  return result;
}
