import * as path from "node:path";
import type { DirectoryEntry, FileHost } from "../host";
import { isInside } from "../discovery/findMigrationSets";
import { blobIds, blobIdsOf } from "./blobId";
import type { BranchAvailable } from "./branchState";

const MAX_DEPTH = 10;

/** Whether the branch added or changed a file (committed or not) since it forked from the base. */
export function isChangedOnBranch(state: BranchAvailable, file: string, text: string | { readonly text: string }): boolean {
  const atFork = state.atMergeBase.get(file);
  return atFork === undefined || !(typeof text === "string" ? blobIds(text) : blobIdsOf(text)).includes(atFork);
}

/**
 * The migration folders as they would be after merging the branch into the base: the base's
 * current files, overlaid with the files this branch added, changed or deleted. Outside those
 * folders it reads the work tree.
 */
export class MergedHost implements FileHost {
  private readonly files = new Map<string, string>();
  /** Files whose merged text is the base's: the base added or changed them since the fork. */
  readonly fromBase = new Set<string>();

  constructor(
    private readonly working: FileHost,
    state: BranchAvailable,
    private readonly folders: readonly string[],
    /** Files the analysis already read (the set's migrations): neither read nor hashed again. */
    private readonly known: ReadonlyMap<string, { readonly text: string }> = new Map(),
  ) {
    const workingFiles = new Map<string, { readonly text: string }>();
    for (const folder of folders) this.collect(folder, 0, workingFiles);
    for (const [file, read] of workingFiles) {
      const { text } = read;
      const atFork = state.atMergeBase.get(file);
      const atBase = state.atBase.get(file);
      if (isChangedOnBranch(state, file, read)) this.files.set(file, text);
      else if (atBase === undefined) continue; // the base deleted it
      else if (atBase !== atFork && state.baseTexts.has(file)) this.takeBase(file, state.baseTexts.get(file)!);
      else this.files.set(file, text);
    }
    for (const [file, oid] of state.atBase) {
      if (workingFiles.has(file) || !this.inside(file)) continue;
      // Present at the fork and unchanged on the base: this branch deleted it.
      if (state.atMergeBase.get(file) === oid) continue;
      const text = state.baseTexts.get(file);
      if (text !== undefined) this.takeBase(file, text);
    }
  }

  readFile(file: string): string | undefined {
    return this.inside(file) ? this.files.get(file) : this.working.readFile(file);
  }

  readDirectory(folder: string): readonly DirectoryEntry[] | undefined {
    if (!this.inside(folder)) return this.working.readDirectory(folder);
    const entries = new Map<string, boolean>();
    for (const file of this.files.keys()) {
      const relative = path.relative(folder, file);
      if (relative.startsWith("..") || path.isAbsolute(relative)) continue;
      const [first, ...rest] = relative.split(path.sep);
      if (first) entries.set(first, rest.length > 0 || entries.get(first) === true);
    }
    return entries.size === 0 && this.working.readDirectory(folder) === undefined ? undefined : [...entries].map(([name, isDirectory]) => ({ name, isDirectory }));
  }

  private takeBase(file: string, text: string): void {
    this.files.set(file, text);
    this.fromBase.add(file);
  }

  private inside(file: string): boolean {
    return this.folders.some((folder) => isInside(file, folder));
  }

  private collect(folder: string, depth: number, into: Map<string, { readonly text: string }>): void {
    for (const entry of this.working.readDirectory(folder) ?? []) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory) {
        if (depth < MAX_DEPTH && !entry.name.startsWith(".")) this.collect(full, depth + 1, into);
      } else {
        const known = this.known.get(full);
        const text = known ? undefined : this.working.readFile(full);
        if (known) into.set(full, known);
        else if (text !== undefined) into.set(full, { text });
      }
    }
  }
}
