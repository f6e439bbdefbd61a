/**
 * Where each migration file's own reading (header, operations, file-local problems) is kept
 * between runs, so a file whose text did not change is not parsed again. The core says what a
 * reading depends on (`key`: the analyser's inputs, the file's text included) and what to keep;
 * the host decides where and how (a folder on disk, nothing at all in tests).
 */
export interface ParseCache {
  /** What was kept under this key, or undefined (never kept, corrupt, written by something else). */
  read(key: string): string | undefined;
  /** Keeps `value` (the reading of `file`) under `key`; may do it later, and may drop old entries to stay bounded. */
  write(key: string, value: string, file: string): void;
}
