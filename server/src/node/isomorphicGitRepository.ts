import * as fs from "node:fs";
import * as path from "node:path";
import { readTextFile } from "./readTextFile";
import git, { type PromiseFsClient } from "isomorphic-git";
import type { GitRepository } from "../core/git/gitHost";
import { readOnlyGitFs } from "./readOnlyGitFs";

const OID = /^[0-9a-f]{40}$/;
/** How deep migration folders are read (Prisma nests one level; Flyway more). */
const MAX_DEPTH = 10;

interface TreeEntry {
  readonly name: string;
  readonly kind: "blob" | "tree";
  readonly oid: string;
}

/**
 * Reads a repository with isomorphic-git, straight from the object database, when the git
 * command cannot be used: no process runs. Linked worktrees read HEAD from their own folder and
 * everything else from the common one.
 */
export class IsomorphicGitRepository implements GitRepository {
  /** What isomorphic-git reads through: read-only, alternates included. */
  private readonly fs: PromiseFsClient;

  constructor(
    readonly root: string,
    /** Where this work tree's HEAD lives. */
    private readonly gitDir: string,
    /** Where objects and refs live. */
    private readonly commonDir: string,
    private readonly cache: object,
  ) {
    this.fs = readOnlyGitFs(commonDir);
  }

  async head(): Promise<string | undefined> {
    const head = readTextFile(path.join(this.gitDir, "HEAD"))?.trim();
    if (!head) return undefined;
    const ref = head.startsWith("ref:") ? head.slice(4).trim() : undefined;
    // A branch with no commit yet (after `git init`) names no commit: that is the only undefined.
    if (ref && !(await this.resolveName(ref))) return undefined;
    const commit = await this.resolve(ref ?? head);
    if (!commit) throw new Error(`HEAD (${ref ?? head}) names a commit that cannot be read`);
    return commit;
  }

  async resolve(ref: string): Promise<string | undefined> {
    const oid = await this.resolveName(ref);
    return oid ? this.peelToCommit(oid) : undefined;
  }

  /** The object a ref names, without reading it. */
  private async resolveName(ref: string): Promise<string | undefined> {
    if (OID.test(ref)) return ref;
    try {
      return await git.resolveRef({ fs: this.fs, gitdir: this.commonDir, ref });
    } catch {
      return undefined;
    }
  }

  async displayName(ref: string): Promise<string> {
    try {
      const target = await git.resolveRef({ fs: this.fs, gitdir: this.commonDir, ref, depth: 2 });
      if (target.startsWith("refs/remotes/")) return target.slice("refs/remotes/".length);
      if (target.startsWith("refs/heads/")) return target.slice("refs/heads/".length);
    } catch {
      // Not a symbolic ref: its own name says it.
    }
    return ref;
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    try {
      const bases = (await git.findMergeBase({ fs: this.fs, gitdir: this.commonDir, oids: [a, b], cache: this.cache })) as string[];
      return bases[0];
    } catch {
      return undefined;
    }
  }

  async listFiles(commit: string, folders: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const files = new Map<string, string>();
    const visit = async (folder: string, oid: string | undefined, depth: number): Promise<void> => {
      for (const entry of (await this.listFolder(oid ?? commit, oid ? "" : folder)) ?? []) {
        const child = folder === "" ? entry.name : `${folder}/${entry.name}`;
        if (entry.kind === "blob") files.set(child, entry.oid);
        else if (depth < MAX_DEPTH) await visit(child, entry.oid, depth + 1);
      }
    };
    for (const folder of folders) await visit(folder, undefined, 0);
    return files;
  }

  /** A folder's entries at a commit (or a tree's, with folder ""). */
  private async listFolder(commit: string, folder: string): Promise<readonly TreeEntry[] | undefined> {
    try {
      const { tree } = await git.readTree({ fs: this.fs, gitdir: this.commonDir, oid: commit, ...(folder ? { filepath: folder } : {}), cache: this.cache });
      return tree.flatMap((e) => (e.type === "blob" || e.type === "tree" ? [{ name: e.path, kind: e.type, oid: e.oid }] : []));
    } catch {
      return undefined;
    }
  }

  async readBlob(oid: string): Promise<string | undefined> {
    try {
      const { blob } = await git.readBlob({ fs: this.fs, gitdir: this.commonDir, oid, cache: this.cache });
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
        const { type, object } = await git.readObject({ fs: this.fs, gitdir: this.commonDir, oid, format: "parsed", cache: this.cache });
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
