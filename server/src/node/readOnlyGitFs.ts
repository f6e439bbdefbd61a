import * as fs from "node:fs";
import * as path from "node:path";
import { readTextFile } from "./readTextFile";
import type { PromiseFsClient } from "isomorphic-git";

/**
 * The file system isomorphic-git is given: read-only (any write fails, so reading a repository
 * can never change it), and aware of `objects/info/alternates`, the object stores a clone made
 * with `--shared` or `--reference` borrows from, which isomorphic-git does not read itself.
 */
export function readOnlyGitFs(commonDir: string): PromiseFsClient {
  const objects = path.join(commonDir, "objects");
  const alternates = (readTextFile(path.join(objects, "info", "alternates")) ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => path.resolve(objects, line));
  /** The same path in each alternate store, for a path inside this repository's objects. */
  const elsewhere = (file: string): string[] => {
    const relative = path.relative(objects, file);
    return relative.startsWith("..") || path.isAbsolute(relative) || alternates.length === 0 ? [] : alternates.map((store) => path.join(store, relative));
  };
  const firstOf = async <T>(file: string, read: (p: string) => Promise<T>): Promise<T> => {
    try {
      return await read(file);
    } catch (error) {
      for (const candidate of elsewhere(file)) {
        try {
          return await read(candidate);
        } catch {
          // Not in this store either.
        }
      }
      throw error;
    }
  };
  const refuse = async (): Promise<never> => {
    throw Object.assign(new Error("Migration Lens reads repositories; it never writes to them"), { code: "EROFS" });
  };
  /** A folder's entries with the alternates' (the pack folder lists borrowed packs too). */
  const listing = async (folder: string): Promise<string[]> => {
    const own = await fs.promises.readdir(folder).catch(() => undefined);
    const borrowed = await Promise.all(elsewhere(folder).map((p) => fs.promises.readdir(p).catch(() => [] as string[])));
    if (own === undefined && borrowed.every((list) => list.length === 0)) return fs.promises.readdir(folder);
    return [...new Set([...(own ?? []), ...borrowed.flat()])];
  };
  // Listed once per repository read: isomorphic-git lists the pack folder for every object it looks up.
  const listings = new Map<string, Promise<string[]>>();
  const promises = {
    readFile: (file: string, options?: unknown) => firstOf(file, (p) => fs.promises.readFile(p, options as never)),
    stat: (file: string) => firstOf(file, (p) => fs.promises.stat(p)),
    lstat: (file: string) => firstOf(file, (p) => fs.promises.lstat(p)),
    readlink: (file: string) => fs.promises.readlink(file),
    readdir: (folder: string) => {
      let entries = listings.get(folder);
      if (!entries) listings.set(folder, (entries = listing(folder)));
      return entries;
    },
    writeFile: refuse,
    mkdir: refuse,
    rmdir: refuse,
    unlink: refuse,
    symlink: refuse,
    rm: refuse,
  };
  return { promises } as unknown as PromiseFsClient;
}
