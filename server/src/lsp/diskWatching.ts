import { DidChangeWatchedFilesNotification, type Connection } from "vscode-languageserver";
import type { ClientSupport } from "./clientSupport";
import type { FileChange, FolderWatcher } from "./folderWatcher";
import { isWatchedFile, WATCHED_GLOBS } from "./watchedPatterns";

/**
 * Who tells the server about files changed on disk: the client, through watchers registered with
 * it, where it can take them; otherwise the server's own watcher over the workspace folders.
 */
export class DiskWatching {
  private own: { dispose(): void } | undefined;
  private byClient = false;

  constructor(
    private readonly connection: Connection,
    private readonly client: ClientSupport,
    private readonly watcher: FolderWatcher,
    private readonly onChanges: (changes: readonly FileChange[]) => void,
  ) {}

  async start(roots: readonly string[]): Promise<void> {
    if (this.client.watchedFilesRegistration) {
      try {
        await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
        this.byClient = true;
        return;
      } catch (error) {
        this.connection.console.warn(`The client did not take the file watchers (${error instanceof Error ? error.message : String(error)}): the server watches the workspace itself.`);
      }
    }
    this.rootsChanged(roots);
  }

  rootsChanged(roots: readonly string[]): void {
    if (this.byClient) return;
    this.own?.dispose();
    this.own = this.watcher.watch(roots, isWatchedFile, this.onChanges);
  }
}
