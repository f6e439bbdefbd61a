import type { GitHost, GitRepository } from "./gitHost";

/** Where git was asked to open a repository, and every ref asked of it (HEAD included). */
export interface GitQuestions {
  readonly start: string;
  readonly refs: readonly string[];
}

/**
 * A GitHost that notes which refs were asked where. Commits, trees and blobs are named by their
 * ids and never change; what can change is what the refs point at, which the Node side reads
 * from the repository's ref files to tell whether a result still holds.
 */
export class RecordingGitHost implements GitHost {
  private readonly asked = new Map<string, Set<string>>();

  constructor(private readonly inner: GitHost) {}

  async open(start: string): Promise<GitRepository | undefined> {
    const refs = this.asked.get(start) ?? new Set<string>();
    this.asked.set(start, refs);
    const repository = await this.inner.open(start);
    return repository && recording(repository, refs);
  }

  questions(): readonly GitQuestions[] {
    return [...this.asked].map(([start, refs]) => ({ start, refs: [...refs] }));
  }
}

function recording(repository: GitRepository, refs: Set<string>): GitRepository {
  return {
    root: repository.root,
    head: () => (refs.add("HEAD"), repository.head()),
    resolve: (ref) => (refs.add(ref), repository.resolve(ref)),
    displayName: (ref) => (refs.add(ref), repository.displayName(ref)),
    mergeBase: (a, b) => repository.mergeBase(a, b),
    listFiles: (commit, folders) => repository.listFiles(commit, folders),
    readBlob: (oid) => repository.readBlob(oid),
    isShallow: () => repository.isShallow(),
  };
}
