import * as path from "node:path";
import type { GitHost, GitRepository } from "./gitHost";

/** Where the base is looked for when none is configured: the upstream default branch first. */
export const DEFAULT_BASES = ["origin/HEAD", "origin/main", "origin/master", "main", "master"] as const;

/** What git says about the branch a set is on, read once per analysis from refs and trees. */
export type BranchState = BranchUnavailable | BranchAvailable;

/** No base to compare with: every migration is judged, and `reason` says why once. */
export interface BranchUnavailable {
  readonly available: false;
  readonly reason: string;
}

export interface BranchAvailable {
  readonly available: true;
  readonly root: string;
  /** The ref the branch is compared with, as configured or found (`origin/main`). */
  readonly base: string;
  readonly baseCommit: string;
  readonly head: string;
  readonly mergeBase: string;
  /** Blob id of each file under the migration folders at the merge-base (absolute paths). */
  readonly atMergeBase: ReadonlyMap<string, string>;
  /** The same at the base's tip. */
  readonly atBase: ReadonlyMap<string, string>;
  /** Text at the base's tip of the files the base added or changed since the fork. */
  readonly baseTexts: ReadonlyMap<string, string>;
}

/**
 * Reads the base (configured, or the first of DEFAULT_BASES that exists), the merge-base with
 * HEAD, and the migration folders' files at both. Nothing is checked out and nothing is run.
 */
export async function readBranchState(git: GitHost, folder: string, configuredBase: string | undefined, folders: readonly string[]): Promise<BranchState> {
  let repository: GitRepository | undefined;
  try {
    repository = await git.open(folder);
  } catch (error) {
    return { available: false, reason: `the git repository could not be read (${message(error)})` };
  }
  if (!repository) return { available: false, reason: "not in a git repository" };
  try {
    return await readFrom(repository, configuredBase, folders);
  } catch (error) {
    return { available: false, reason: `the git repository could not be read (${message(error)})` };
  }
}

async function readFrom(repository: GitRepository, configuredBase: string | undefined, folders: readonly string[]): Promise<BranchState> {
  const head = await repository.head();
  if (!head) return { available: false, reason: "the repository has no commit yet" };
  const candidates = configuredBase ? [configuredBase] : DEFAULT_BASES;
  let base: string | undefined;
  let baseCommit: string | undefined;
  for (const candidate of candidates) {
    baseCommit = await repository.resolve(candidate);
    if (baseCommit) {
      base = await repository.displayName(candidate);
      break;
    }
  }
  if (!base || !baseCommit) {
    return {
      available: false,
      reason: configuredBase ? `the base '${configuredBase}' is not a branch, tag or commit of this repository` : `no base branch found (looked for ${DEFAULT_BASES.join(", ")}); set \`base\``,
    };
  }
  const mergeBase = await repository.mergeBase(head, baseCommit);
  if (!mergeBase) {
    const shallow = await repository.isShallow();
    return {
      available: false,
      reason: shallow
        ? `this is a shallow clone: HEAD and '${base}' have no common commit in the local history (fetch the full history, e.g. \`fetch-depth: 0\`)`
        : `HEAD and '${base}' share no history`,
    };
  }
  const relative = [...new Set(folders.map((f) => path.relative(repository.root, f).split(path.sep).join("/")))].filter((f) => !f.startsWith(".."));
  const atMergeBase = absolute(repository.root, await repository.listFiles(mergeBase, relative));
  const atBase = baseCommit === mergeBase ? atMergeBase : absolute(repository.root, await repository.listFiles(baseCommit, relative));
  const baseTexts = new Map<string, string>();
  for (const [file, oid] of atBase) {
    if (atMergeBase.get(file) === oid) continue;
    const text = await repository.readBlob(oid);
    if (text !== undefined) baseTexts.set(file, text);
  }
  return { available: true, root: repository.root, base, baseCommit, head, mergeBase, atMergeBase, atBase, baseTexts };
}

/** Blob ids by absolute path. */
function absolute(root: string, files: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...files].map(([file, oid]) => [path.join(root, ...file.split("/")), oid]));
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}
