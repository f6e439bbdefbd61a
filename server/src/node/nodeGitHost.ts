import * as fs from "node:fs";
import * as path from "node:path";
import { readTextFile } from "./readTextFile";
import type { GitHost, GitRepository } from "../core/git/gitHost";
import { GitCommandRepository } from "./gitCommandRepository";
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
    for (let folder = isDirectory(start) ? start : path.dirname(start); ; folder = path.dirname(folder)) {
      const dotGit = path.join(folder, ".git");
      const gitDir = gitDirOf(dotGit);
      if (gitDir) {
        const common = readTextFile(path.join(gitDir, "commondir"))?.trim();
        return (
          (this.options.gitCommand === false ? undefined : await GitCommandRepository.open(folder)) ?? new IsomorphicGitRepository(folder, gitDir, common ? path.resolve(gitDir, common) : gitDir, this.cache)
        );
      }
      if (path.dirname(folder) === folder) return undefined;
    }
  }
}

/** The git folder a `.git` entry stands for: the folder itself, or the one a `gitdir:` file names (worktrees, submodules). */
function gitDirOf(dotGit: string): string | undefined {
  try {
    const stat = fs.statSync(dotGit);
    if (stat.isDirectory()) return fs.existsSync(path.join(dotGit, "HEAD")) ? dotGit : undefined;
    const line = readTextFile(dotGit)?.trim();
    return line?.startsWith("gitdir:") ? path.resolve(path.dirname(dotGit), line.slice(7).trim()) : undefined;
  } catch {
    return undefined;
  }
}


function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
