import type { GitHost, GitRepository } from "../core/git/gitHost";
import { GitCommandRepository } from "./gitCommandRepository";
import { findGitFolder } from "./gitFolder";
import { IsomorphicGitRepository } from "./isomorphicGitRepository";

/**
 * Opens git repositories for reading refs, commits, trees and blobs: through git's plumbing
 * commands where git can read the repository (fast on large object stores), else with
 * isomorphic-git straight from the object database. Neither runs anything the repository's
 * config names (hooks, fsmonitor, diff drivers, textconv).
 */
export class NodeGitHost implements GitHost {
  /** isomorphic-git's object cache, shared by every read of this host. */
  private readonly cache = {};

  /** `gitCommand: false` reads with isomorphic-git only (tests compare the two). */
  constructor(private readonly options: { readonly gitCommand?: boolean } = {}) {}

  async open(start: string): Promise<GitRepository | undefined> {
    const found = findGitFolder(start);
    if (!found) return undefined;
    return (this.options.gitCommand === false ? undefined : await GitCommandRepository.open(found.root)) ?? new IsomorphicGitRepository(found.root, found.gitDir, found.commonDir, this.cache);
  }
}
