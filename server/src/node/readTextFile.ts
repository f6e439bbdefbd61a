import * as fs from "node:fs";

/** A small file's text (git's HEAD, a `.git` file, alternates), or undefined when it cannot be read. */
export function readTextFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
