import * as fs from "node:fs";
import { isDirectory } from "./isDirectory";
import type { DirectoryEntry, FileHost, NotText } from "../core/host";
import { notTextIn } from "./notText";

/** Reads the disk. A file holding a NUL byte reads as absent: it is binary, and notText says so. */
export class NodeFileHost implements FileHost {
  readFile(path: string): string | undefined {
    try {
      const buffer = fs.readFileSync(path);
      if (buffer.includes(0)) return undefined;
      return buffer.toString("utf8").replace(/^\uFEFF/, "");
    } catch {
      return undefined;
    }
  }

  notText(path: string): NotText | undefined {
    try {
      return notTextIn(fs.readFileSync(path));
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
