import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { BranchAvailable } from "../git/branchState";
import { buildRevisionGraph, type RevisionGraph } from "../graph/revisionGraph";

/** A head as the notes name it: the revision id (or SQL version) and the file defining it. */
export interface HeadRef {
  readonly id: string;
  readonly file: string;
}

export interface MergeHeads {
  /** The heads on the base, before this branch is merged. */
  readonly before: readonly HeadRef[];
  /** The heads after the merge (the base's files with the branch's laid over them). */
  readonly after: readonly HeadRef[];
  /** Alembic: the graph after the merge, to tell merge revisions; absent for SQL folders. */
  readonly graphAfter?: RevisionGraph;
}

/**
 * Heads before and after the merge. The base's history is the files at the base's tip; a file
 * the branch changed (not added) is read in the branch's text, the only one the analysis parsed.
 * A SQL folder is one line: its head is the last migration in the order the tool applies them.
 */
export function mergeHeads(set: AnalyzedSet, state: BranchAvailable): MergeHeads {
  const merged = set.branch?.merged;
  const sql = set.spec.sql;
  if (sql) {
    const after = merged?.sqlOrder ?? sql.migrations;
    const before = after.filter((m) => state.atBase.has(m.file));
    const last = (order: typeof after): HeadRef[] => order.slice(-1).map((m) => ({ id: m.id, file: m.file }));
    return { before: last(before), after: last(after) };
  }
  const files = merged?.alembic?.files ?? set.files;
  const graphAfter = merged?.alembic?.graph ?? set.graph;
  const graphBefore = buildRevisionGraph(files.filter((f) => state.atBase.has(f.path)));
  return { before: headsOf(graphBefore), after: headsOf(graphAfter), graphAfter };
}

function headsOf(graph: RevisionGraph): HeadRef[] {
  return graph.heads.flatMap((id) => {
    const node = graph.nodes.get(id);
    return node ? [{ id, file: node.file.path }] : [];
  });
}
