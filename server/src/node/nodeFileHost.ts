import * as fs from "node:fs";
import type { DirectoryEntry, FileHost } from "../core/host";

/** Reads the disk. Binary files (a NUL byte in the first 8 KiB) read as absent: they are not migrations. */
export class NodeFileHost implements FileHost {
  readFile(path: string): string | undefined {
    try {
      const buffer = fs.readFileSync(path);
      if (buffer.subarray(0, 8192).includes(0)) return undefined;
      return buffer.toString("utf8").replace(/^\uFEFF/, "");
    } catch {
      return undefined;
    }
  }

  readDirectory(path: string): readonly DirectoryEntry[] | undefined {
    try {
      return fs
        .readdirSync(path, { withFileTypes: true })
        .map((e) => ({ name: e.name, isDirectory: e.isDirectory() || (e.isSymbolicLink() && isDirectory(`${path}/${e.name}`)) }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return undefined;
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}
