import type { RevisionFile } from "../alembic/revisionFile";
import { listRevisionFiles } from "../discovery/findMigrationSets";
import type { MigrationSetSpec } from "../discovery/migrationSet";
import { detectSqlMigrationSets } from "../discovery/sqlFolders";
import type { BranchState } from "../git/branchState";
import { isChangedOnBranch, MergedHost } from "../git/mergedHost";
import { buildRevisionGraph } from "../graph/revisionGraph";
import type { FileHost } from "../host";
import type { MergedSet, SetBranch } from "./setBranch";

/**
 * Which of a set's migrations the branch adds or changes, and, when the base moved on since
 * the fork, the set as the merge would leave it (base files parsed here; unchanged ones reused).
 */
export function branchOfSet(host: FileHost, spec: MigrationSetSpec, judged: readonly JudgedFile[], state: BranchState, parse: ParseRevision): SetBranch {
  const files = judged.filter((f): f is RevisionFile => "lines" in f);
  if (!state.available) return { state, newFiles: new Set(judged.map((f) => f.path)) };
  const downOf = new Map((spec.sql?.migrations ?? []).flatMap((m) => (m.downFile ? [[m.file, m.downFile] as const] : [])));
  const newFiles = new Set<string>();
  for (const file of judged) {
    const down = downOf.get(file.path);
    const downText = down === undefined ? undefined : host.readFile(down);
    if (isChangedOnBranch(state, file.path, file) || (down !== undefined && downText !== undefined && isChangedOnBranch(state, down, downText))) {
      newFiles.add(file.path);
      if (down !== undefined) newFiles.add(down);
    }
  }
  const baseMoved = [...state.atBase].some(([file, oid]) => state.atMergeBase.get(file) !== oid) || [...state.atMergeBase.keys()].some((file) => !state.atBase.has(file));
  if (!baseMoved || newFiles.size === 0) return { state, newFiles };
  return { state, newFiles, merged: mergedSet(host, spec, files, state, parse) };
}

/** A file the change-safety rules judge: a migration, or the set's env.py. */
type JudgedFile = RevisionFile | { readonly path: string; readonly text: string };

/** How the workspace reads a revision file (project helpers, imported names): the base's files are read the same way. */
export type ParseRevision = (file: string, text: string) => RevisionFile;

function mergedSet(host: FileHost, spec: MigrationSetSpec, files: readonly RevisionFile[], state: Extract<BranchState, { available: true }>, parse: ParseRevision): MergedSet {
  const merged = new MergedHost(host, state, spec.sql ? [spec.root] : spec.versionLocations, new Map(files.map((f) => [f.path, f])));
  if (spec.sql) {
    const set = detectSqlMigrationSets(merged, spec.root).find((s) => (s.variant ?? "") === (spec.sql?.variant ?? ""));
    return { fromBase: merged.fromBase, sqlOrder: set?.migrations ?? [] };
  }
  const byPath = new Map(files.map((f) => [f.path, f]));
  const mergedFiles = listRevisionFiles(merged, spec).flatMap((path) => {
    const text = merged.readFile(path);
    if (text === undefined) return [];
    const known = byPath.get(path);
    if (known && known.text === text) return [known];
    const file = parse(path, text);
    return file.revision !== undefined || file.downRevision !== undefined ? [file] : [];
  });
  return { fromBase: merged.fromBase, alembic: { files: mergedFiles, graph: buildRevisionGraph(mergedFiles) } };
}
