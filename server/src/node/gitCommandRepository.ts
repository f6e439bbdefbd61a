import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { GitRepository } from "../core/git/gitHost";
import { isInside } from "../core/discovery/findMigrationSets";

/**
 * Reads a repository through git's plumbing commands (rev-parse, merge-base, ls-tree, cat-file,
 * symbolic-ref). None of them runs hooks, fsmonitor, diff drivers or textconv; the options below
 * switch those off all the same, forbid every transport (a partial clone would otherwise fetch a
 * missing object, running the ssh command or remote helper its config names), and no command
 * here writes to the repository.
 */
const SAFE_OPTIONS = ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "protocol.allow=never", "--no-replace-objects"];
const ENV = { ...process.env, GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0", GIT_NO_LAZY_FETCH: "1", LC_ALL: "C" };
const MAX_OUTPUT = 256 * 1024 * 1024;
/** A git that could not be started for want of a resource may start on the next try; git's own failures are not retried. */
const TRANSIENT_SPAWN_ERRORS = new Set(["EAGAIN", "ENOMEM", "EMFILE", "ENFILE"]);
const SPAWN_TRIES = 3;

/** How git is started: execFile, or a test's stand-in. */
export type Execute = typeof execFile;

export class GitCommandRepository implements GitRepository {
  private constructor(
    readonly root: string,
    /** The git program's absolute path: never one the workspace holds. */
    private readonly git: string,
    private readonly execute: Execute,
  ) {}

  /** The git command, or undefined when it cannot read this repository (not installed, or refused: `safe.directory`). */
  static async open(root: string, execute: Execute = execFile): Promise<GitCommandRepository | undefined> {
    const git = gitProgram(root);
    if (!git) return undefined;
    const repository = new GitCommandRepository(root, git, execute);
    const top = await repository.run(["rev-parse", "--show-toplevel"]).catch(() => undefined);
    return top === undefined ? undefined : repository;
  }

  async head(): Promise<string | undefined> {
    // An unborn branch (no commit yet) has no HEAD commit; anything else that fails is an error.
    if ((await this.run(["rev-parse", "-q", "--verify", "HEAD^{commit}"]).catch(() => "")).trim() === "") {
      const symbolic = await this.run(["symbolic-ref", "-q", "HEAD"]).catch(() => "");
      if (symbolic.trim() !== "") return undefined;
      throw new Error("HEAD names a commit that cannot be read");
    }
    return this.resolve("HEAD");
  }

  async resolve(ref: string): Promise<string | undefined> {
    if (ref.startsWith("-")) return undefined;
    const oid = (await this.run(["rev-parse", "-q", "--verify", `${ref}^{commit}`]).catch(() => "")).trim();
    return oid || undefined;
  }

  async displayName(ref: string): Promise<string> {
    if (ref.startsWith("-")) return ref;
    const full = (await this.run(["symbolic-ref", "-q", qualified(ref)]).catch(() => "")).trim();
    if (full.startsWith("refs/remotes/")) return full.slice("refs/remotes/".length);
    if (full.startsWith("refs/heads/")) return full.slice("refs/heads/".length);
    return ref;
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const oid = (await this.run(["merge-base", a, b]).catch(() => "")).trim();
    return oid || undefined;
  }

  async listFiles(commit: string, folders: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const files = new Map<string, string>();
    if (folders.length === 0) return files;
    const output = await this.run(["ls-tree", "-r", "-z", "--full-tree", commit, "--", ...folders.map((f) => (f === "" ? "." : f))]).catch(() => "");
    for (const record of output.split("\0")) {
      // <mode> SP <type> SP <oid> TAB <path>
      const tab = record.indexOf("\t");
      if (tab < 0) continue;
      const [, type, oid] = record.slice(0, tab).split(" ");
      if (type === "blob" && oid) files.set(record.slice(tab + 1), oid);
    }
    return files;
  }

  async readBlob(oid: string): Promise<string | undefined> {
    const bytes = await this.run(["cat-file", "blob", oid], "buffer").catch(() => undefined);
    // A NUL byte means binary, as git itself decides.
    return bytes === undefined || bytes.includes(0) ? undefined : bytes.toString("utf8");
  }

  async isShallow(): Promise<boolean> {
    return (await this.run(["rev-parse", "--is-shallow-repository"]).catch(() => "")).trim() === "true";
  }

  private run(args: readonly string[]): Promise<string>;
  private run(args: readonly string[], encoding: "buffer"): Promise<Buffer>;
  private run(args: readonly string[], encoding: "utf8" | "buffer" = "utf8"): Promise<string | Buffer> {
    return this.attempt(args, encoding, SPAWN_TRIES);
  }

  private attempt(args: readonly string[], encoding: "utf8" | "buffer", tries: number): Promise<string | Buffer> {
    return new Promise<string | Buffer>((resolve, reject) => {
      this.execute(this.git, [...SAFE_OPTIONS, ...args], { cwd: this.root, env: ENV, encoding, maxBuffer: MAX_OUTPUT, windowsHide: true }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      );
    }).catch((error: unknown) => {
      // Every caller reads a failure as "no such ref" (or no files): one that is only the system's
      // must not turn a branch's base into "none found".
      const code = (error as { code?: unknown }).code;
      if (tries > 1 && typeof code === "string" && TRANSIENT_SPAWN_ERRORS.has(code)) return this.attempt(args, encoding, tries - 1);
      throw error;
    });
  }
}

/**
 * git found on PATH's absolute folders, outside the repository: Windows looks in the current
 * folder first for a bare program name, which would start a `git.exe` the workspace holds.
 */
function gitProgram(root: string): string | undefined {
  const names = process.platform === "win32" ? ["git.exe", "git.cmd"] : ["git"];
  for (const folder of (process.env["PATH"] ?? "").split(path.delimiter)) {
    if (!path.isAbsolute(folder) || isInside(folder, root)) continue;
    for (const name of names) {
      const candidate = path.join(folder, name);
      try {
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // Not in this folder.
      }
    }
  }
  return undefined;
}

/** `origin/HEAD` → `refs/remotes/origin/HEAD`; `main` → `refs/heads/main`, as git looks names up. */
function qualified(ref: string): string {
  if (ref.startsWith("refs/") || ref === "HEAD") return ref;
  return ref.includes("/") ? `refs/remotes/${ref}` : `refs/heads/${ref}`;
}
