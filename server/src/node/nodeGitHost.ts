import * as fs from "node:fs";
import * as path from "node:path";
import git from "isomorphic-git";
import type { GitHost, GitRepository, TreeEntry } from "../core/git/gitHost";

const OID = /^[0-9a-f]{40}$/;

/**
 * Reads git repositories with isomorphic-git: refs, commits, trees and blobs straight from the
 * object database. No git process runs, so nothing the repository's config names (hooks,
 * fsmonitor, diff drivers, textconv) can run either. Linked worktrees read HEAD from their own
 * folder and everything else from the common one.
 */
export class NodeGitHost implements GitHost {
  /** isomorphic-git's object cache, shared by every read of this host. */
  private readonly cache = {};

  async open(start: string): Promise<GitRepository | undefined> {
    for (let folder = isDirectory(start) ? start : path.dirname(start); ; folder = path.dirname(folder)) {
      const dotGit = path.join(folder, ".git");
      const gitDir = gitDirOf(dotGit);
      if (gitDir) {
        const common = readText(path.join(gitDir, "commondir"))?.trim();
        return new NodeGitRepository(folder, gitDir, common ? path.resolve(gitDir, common) : gitDir, this.cache);
      }
      if (path.dirname(folder) === folder) return undefined;
    }
  }
}

class NodeGitRepository implements GitRepository {
  constructor(
    readonly root: string,
    /** Where this work tree's HEAD lives. */
    private readonly gitDir: string,
    /** Where objects and refs live. */
    private readonly commonDir: string,
    private readonly cache: object,
  ) {}

  async head(): Promise<string | undefined> {
    const head = readText(path.join(this.gitDir, "HEAD"))?.trim();
    if (!head) return undefined;
    if (OID.test(head)) return head;
    const ref = head.startsWith("ref:") ? head.slice(4).trim() : undefined;
    return ref ? this.resolve(ref) : undefined;
  }

  async resolve(ref: string): Promise<string | undefined> {
    let oid: string;
    try {
      oid = OID.test(ref) ? ref : await git.resolveRef({ fs, gitdir: this.commonDir, ref });
    } catch {
      return undefined;
    }
    return this.peelToCommit(oid);
  }

  async displayName(ref: string): Promise<string> {
    try {
      const target = await git.resolveRef({ fs, gitdir: this.commonDir, ref, depth: 2 });
      if (target.startsWith("refs/remotes/")) return target.slice("refs/remotes/".length);
      if (target.startsWith("refs/heads/")) return target.slice("refs/heads/".length);
    } catch {
      // Not a symbolic ref: its own name says it.
    }
    return ref;
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    try {
      const bases = (await git.findMergeBase({ fs, gitdir: this.commonDir, oids: [a, b], cache: this.cache })) as string[];
      return bases[0];
    } catch {
      return undefined;
    }
  }

  async listFolder(commit: string, folder: string): Promise<readonly TreeEntry[] | undefined> {
    try {
      const { tree } = await git.readTree({ fs, gitdir: this.commonDir, oid: commit, ...(folder ? { filepath: folder } : {}), cache: this.cache });
      return tree.flatMap((e) => (e.type === "blob" || e.type === "tree" ? [{ name: e.path, kind: e.type, oid: e.oid }] : []));
    } catch {
      return undefined;
    }
  }

  async readBlob(oid: string): Promise<string | undefined> {
    try {
      const { blob } = await git.readBlob({ fs, gitdir: this.commonDir, oid, cache: this.cache });
      // A NUL byte means binary, as git itself decides.
      return blob.includes(0) ? undefined : Buffer.from(blob).toString("utf8");
    } catch {
      return undefined;
    }
  }

  async isShallow(): Promise<boolean> {
    return fs.existsSync(path.join(this.commonDir, "shallow"));
  }

  /** An annotated tag names a tag object: follow it to its commit. */
  private async peelToCommit(oid: string): Promise<string | undefined> {
    for (let depth = 0; depth < 8; depth++) {
      try {
        const { type, object } = await git.readObject({ fs, gitdir: this.commonDir, oid, format: "parsed", cache: this.cache });
        if (type === "commit") return oid;
        if (type !== "tag") return undefined;
        oid = (object as { object: string }).object;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}

/** The git folder a `.git` entry stands for: the folder itself, or the one a `gitdir:` file names (worktrees, submodules). */
function gitDirOf(dotGit: string): string | undefined {
  try {
    const stat = fs.statSync(dotGit);
    if (stat.isDirectory()) return fs.existsSync(path.join(dotGit, "HEAD")) ? dotGit : undefined;
    const line = readText(dotGit)?.trim();
    return line?.startsWith("gitdir:") ? path.resolve(path.dirname(dotGit), line.slice(7).trim()) : undefined;
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
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
