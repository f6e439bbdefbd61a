import type { ParseCache } from "../core/cache/parseCache";
import { DiskParseCache, defaultCacheFolder } from "../node/diskParseCache";
import { ANALYSER_BUILD } from "../node/analyserBuild";
import type { OverlayHost } from "./overlayHost";

/**
 * The server's parse cache: the folder the extension names (its global storage), else the user's
 * cache folder. Readings of text typed in an editor are not kept: each keystroke would leave one.
 * Entries are written on a worker thread as they are kept (see DiskParseCache.writeInBackground):
 * a cold start's thousands of writes never hold a request up.
 */
export class SessionParseCache implements ParseCache {
  private settling = false;

  private constructor(
    private readonly disk: DiskParseCache,
    private readonly host: OverlayHost,
  ) {}

  /** None when run from the sources without a folder named (see ANALYSER_BUILD). */
  static open(folder: string | undefined, host: OverlayHost): SessionParseCache | undefined {
    if (folder === undefined && ANALYSER_BUILD === undefined) return undefined;
    const disk = new DiskParseCache(folder ?? defaultCacheFolder(), ANALYSER_BUILD ?? "development");
    disk.writeInBackground();
    return new SessionParseCache(disk, host);
  }

  read(key: string): string | undefined {
    return this.disk.read(key);
  }

  write(key: string, value: string, file: string): void {
    if (!this.host.isOpen(file)) this.disk.write(key, value, file);
  }

  /** After an analysis: once what it kept is written, the cache is kept within its bound. */
  flushSoon(): void {
    if (this.settling) return;
    this.settling = true;
    void this.disk.settle().finally(() => (this.settling = false));
  }
}
