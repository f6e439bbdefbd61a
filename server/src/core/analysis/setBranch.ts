import type { RevisionFile } from "../alembic/revisionFile";
import type { SqlMigrationSpec } from "../discovery/sqlFolders";
import type { BranchState } from "../git/branchState";
import type { RevisionGraph } from "../graph/revisionGraph";

/** What this branch means for one set: which migrations it adds, and the set after the merge. */
export interface SetBranch {
  readonly state: BranchState;
  /** Migration files (SQL down files included) and env.py, added or changed since the fork or not committed. Every file when the state is unavailable. */
  readonly newFiles: ReadonlySet<string>;
  /** The set as it would be after merging into the base, when the base moved on since the fork. */
  readonly merged?: MergedSet;
}

export interface MergedSet {
  /** For an Alembic set: its revision files after the merge and their graph. */
  readonly alembic?: { readonly files: readonly RevisionFile[]; readonly graph: RevisionGraph };
  /** Files whose merged text is the base's (it added or changed them after the fork). */
  readonly fromBase: ReadonlySet<string>;
  /** For a SQL set: its migrations after the merge, in the order the tool applies them. */
  readonly sqlOrder?: readonly SqlMigrationSpec[];
}

/** Whether the change-safety rules judge this file: it is new on the branch, or the branch is unknown. */
export function judgedAsChange(branch: SetBranch | undefined, file: string): boolean {
  return !branch || !branch.state.available || branch.newFiles.has(file);
}
