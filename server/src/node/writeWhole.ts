import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Writes a file whole: to a temporary file beside it, then renamed into place, so a reader
 * (another process) sees the whole file or none. Returns false, leaving nothing behind, when the
 * folder cannot be written.
 */
export function writeWhole(file: string, data: string | Buffer): boolean {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
    return true;
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // The folder itself cannot be written: nothing was left in it.
    }
    return false;
  }
}
