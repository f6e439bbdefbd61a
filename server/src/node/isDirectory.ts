import * as fs from "node:fs";

/** Whether the path is a folder, following links; false when it cannot be read. */
export function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
