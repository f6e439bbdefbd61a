import * as fs from "node:fs";
import { isDirectory } from "./isDirectory";
import * as path from "node:path";
import { readTextFile } from "./readTextFile";

/** A work tree's top folder, its git folder, and the folder it shares refs and objects from (worktrees). */
export interface GitFolder {
  readonly root: string;
  readonly gitDir: string;
  readonly commonDir: string;
}

/** The repository whose work tree holds `start`: the nearest folder upwards with a `.git`. */
export function findGitFolder(start: string): GitFolder | undefined {
  for (let folder = isDirectory(start) ? start : path.dirname(start); ; folder = path.dirname(folder)) {
    const gitDir = gitDirOf(path.join(folder, ".git"));
    if (gitDir) {
      const common = readTextFile(path.join(gitDir, "commondir"))?.trim();
      return { root: folder, gitDir, commonDir: common ? path.resolve(gitDir, common) : gitDir };
    }
    if (path.dirname(folder) === folder) return undefined;
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
