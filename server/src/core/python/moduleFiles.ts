import * as path from "node:path";
import type { DirectoryEntry, FileHost } from "../host";

const MAX_ANCESTORS = 12;

/** A Python module's source, found by its import name. */
export interface ModuleSource {
  readonly file: string;
  readonly text: string;
}

/** Finds the source of a module as imported from a file; undefined when it is not in the project. */
export interface ModuleFinder {
  find(fromFile: string, module: string): ModuleSource | undefined;
}

/**
 * Finds `a.b` as `a/b.py` or `a/b/__init__.py` in the importing file's folder or one above it
 * (the project's own packages, wherever its root is); `.b` and `..b` relative to the file. A
 * folder is listed before any file in it is read: most imports are of libraries found nowhere.
 */
export function findModuleFile(host: FileHost, fromFile: string, module: string): ModuleSource | undefined {
  const dots = /^\.*/.exec(module)?.[0].length ?? 0;
  const segments = module.slice(dots).split(".").filter(Boolean);
  const top = segments[0];
  const inFolder = (base: string): ModuleSource | undefined => {
    const entries = host.readDirectory(base);
    if (!top || (entries && !entries.some((e) => e.name === top || e.name === `${top}.py`))) return undefined;
    for (const file of [path.join(base, ...segments) + ".py", path.join(base, ...segments, "__init__.py")]) {
      const text = host.readFile(file);
      if (text !== undefined) return { file, text };
    }
    return undefined;
  };
  if (dots > 0) {
    let base = path.dirname(fromFile);
    for (let i = 1; i < dots; i++) base = path.dirname(base);
    return inFolder(base);
  }
  let folder = path.dirname(fromFile);
  for (let depth = 0; depth < MAX_ANCESTORS; depth++) {
    const found = inFolder(folder);
    if (found) return found;
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return undefined;
}

/**
 * A finder over a host that remembers what it found (and what it did not) per folder and module:
 * the revisions of one folder import the same few modules. Made afresh for each reading pass.
 */
export class CachingModuleFinder implements ModuleFinder {
  private readonly found = new Map<string, ModuleSource | undefined>();
  private readonly listings = new Map<string, readonly DirectoryEntry[] | undefined>();
  private readonly host: FileHost;

  constructor(host: FileHost) {
    this.host = {
      readFile: (file) => host.readFile(file),
      readDirectory: (folder) => {
        if (!this.listings.has(folder)) this.listings.set(folder, host.readDirectory(folder));
        return this.listings.get(folder);
      },
    };
  }

  find(fromFile: string, module: string): ModuleSource | undefined {
    const key = `${path.dirname(fromFile)}\u0000${module}`;
    if (!this.found.has(key)) this.found.set(key, findModuleFile(this.host, fromFile, module));
    return this.found.get(key);
  }
}
