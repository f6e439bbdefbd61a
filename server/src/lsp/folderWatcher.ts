/** A file that changed on disk, as the server's own watcher reports it. */
export interface FileChange {
  readonly file: string;
  readonly kind: "created" | "changed" | "deleted";
}

/**
 * Watches workspace folders for a client that does not watch files for the server. Reports the
 * files `accepts` takes (and folders that vanished), in batches.
 */
export interface FolderWatcher {
  watch(roots: readonly string[], accepts: (file: string) => boolean, onChanges: (changes: readonly FileChange[]) => void): { dispose(): void };
}
