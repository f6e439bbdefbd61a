import type { HeaderValue, RevisionFile } from "../alembic/revisionFile";
import { buildRevisionGraph, revisionIdOf, withFiles, type RevisionGraph } from "./revisionGraph";

/**
 * The last graph built for each set (by set key), with the files it was built from. An edit to a
 * migration's body leaves every header as it was: the graph is then the last one with that file
 * swapped in, instead of being built again over the whole history.
 */
export type GraphMemos = Map<string, { readonly files: readonly RevisionFile[]; readonly graph: RevisionGraph }>;

export function memoizedRevisionGraph(files: readonly RevisionFile[], memos: GraphMemos | undefined, key: string): RevisionGraph {
  const last = memos?.get(key);
  let graph: RevisionGraph;
  if (last && sameHeaders(last.files, files)) {
    const swapped = new Map<RevisionFile, RevisionFile>();
    last.files.forEach((file, i) => file !== files[i] && swapped.set(file, files[i]!));
    graph = swapped.size === 0 ? last.graph : withFiles(last.graph, swapped);
  } else graph = buildRevisionGraph(files);
  memos?.set(key, { files, graph });
  return graph;
}

/** The same files in the same order, each with the header the graph reads unchanged. */
function sameHeaders(was: readonly RevisionFile[], now: readonly RevisionFile[]): boolean {
  return was.length === now.length && was.every((file, i) => file === now[i] || sameHeader(file, now[i]!));
}

function sameHeader(a: RevisionFile, b: RevisionFile): boolean {
  return (
    a.path === b.path &&
    revisionIdOf(a) === revisionIdOf(b) &&
    sameValue(a.downRevision, b.downRevision) &&
    sameValue(a.dependsOn, b.dependsOn) &&
    sameValue(a.branchLabels, b.branchLabels)
  );
}

/** What buildRevisionGraph reads of a header: the ids named, whether it is None, how much was not understood. */
function sameValue(a: HeaderValue | undefined, b: HeaderValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.isNone === b.isNone && a.unknown.length === b.unknown.length && a.refs.length === b.refs.length && a.refs.every((ref, i) => ref.id === b.refs[i]!.id);
}
