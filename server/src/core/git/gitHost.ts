/**
 * How the core reads a git repository: refs, commits, trees and blobs, nothing else. The Node
 * implementation reads the object database directly, so nothing the repository's config names
 * (hooks, fsmonitor, diff drivers, textconv) ever runs. Asynchronous, as object reads are.
 */
export interface GitRepository {
  /** The work tree's top folder (absolute). */
  readonly root: string;
  /** The commit HEAD points at (branch or detached), or undefined before the first commit. */
  head(): Promise<string | undefined>;
  /** The commit a ref names (`origin/main`, `main`, `refs/remotes/origin/HEAD`, an oid), or undefined. */
  resolve(ref: string): Promise<string | undefined>;
  /** The name a symbolic ref stands for (`origin/HEAD` → `origin/main`), or the ref itself. */
  displayName(ref: string): Promise<string>;
  /** The best common ancestor of two commits, or undefined when the local history holds none (a shallow clone). */
  mergeBase(a: string, b: string): Promise<string | undefined>;
  /** Every file under the folders at a commit (folders relative to the root, `/`-separated, "" for all): blob id by relative path. */
  listFiles(commit: string, folders: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** A blob's text, or undefined when it is not text. */
  readBlob(oid: string): Promise<string | undefined>;
  /** Whether the local history is cut (a shallow clone). */
  isShallow(): Promise<boolean>;
}

export interface GitHost {
  /** The repository whose work tree holds `path`, or undefined outside git. */
  open(path: string): Promise<GitRepository | undefined>;
}
