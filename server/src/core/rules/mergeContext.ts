import * as path from "node:path";
import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { BranchAvailable } from "../git/branchState";

/** What the merge rules need: the branch's state when the base moved on after the fork. */
export function mergeContext(set: AnalyzedSet): { readonly state: BranchAvailable; readonly newFiles: ReadonlySet<string>; readonly fromBase: ReadonlySet<string> } | undefined {
  const branch = set.branch;
  if (!branch?.state.available || !branch.merged) return undefined;
  return { state: branch.state, newFiles: branch.newFiles, fromBase: branch.merged.fromBase };
}

/** The base's file that defines a revision this branch does not have yet (it came with the base after the fork). */
export function definedOnBase(set: AnalyzedSet, id: string): string | undefined {
  const merged = set.branch?.merged;
  return merged?.alembic?.graph.definitions.get(id)?.find((f) => merged.fromBase.has(f.path))?.path;
}

/** Whether a down_revision of the set names a revision only the base has: its heads are then judged on the merge. */
export function namesParentOnlyOnBase(set: AnalyzedSet): boolean {
  return set.files.some((f) => (f.downRevision?.refs ?? []).some((r) => set.graph.resolve(r.id) === undefined && definedOnBase(set, r.id) !== undefined));
}

/** A file's path as git shows it: relative to the repository. */
export function repoPath(state: BranchAvailable, file: string): string {
  return path.relative(state.root, file).split(path.sep).join("/");
}

/** A base file's path as messages show it: `<path> on <base>`. */
export function onBase(state: BranchAvailable, file: string): string {
  return `${repoPath(state, file)} on ${state.base}`;
}
