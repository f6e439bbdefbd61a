import type { ParseCache } from "../core/cache/parseCache";
import { DiskParseCache, defaultCacheFolder } from "../node/diskParseCache";
import { ANALYSER_BUILD } from "../node/analyserBuild";
import type { OverlayHost } from "./overlayHost";

/** Entries written per turn of the event loop: a cold start's thousands of writes never hold a request up for long. */
const WRITES_PER_TURN = 100;

/**
 * The server's parse cache: the folder the extension names (its global storage), else the user's
 * cache folder. Readings of text typed in an editor are not kept: each keystroke would leave one.
 * Writes happen after an analysis, a slice at a time.
 */
export class SessionParseCache implements ParseCache {
  private writing = false;

  private constructor(
    private readonly disk: DiskParseCache,
    private readonly host: OverlayHost,
  ) {}

  /** None when run from the sources without a folder named (see ANALYSER_BUILD). */
  static open(folder: string | undefined, host: OverlayHost): SessionParseCache | undefined {
    if (folder === undefined && ANALYSER_BUILD === undefined) return undefined;
    return new SessionParseCache(new DiskParseCache(folder ?? defaultCacheFolder(), ANALYSER_BUILD ?? "development"), host);
  }

  read(key: string): string | undefined {
    return this.disk.read(key);
  }

  write(key: string, value: string, file: string): void {
    if (!this.host.isOpen(file)) this.disk.write(key, value, file);
  }

  /** Writes what the last analysis kept, in slices between other work. */
  flushSoon(): void {
    if (this.writing) return;
    this.writing = true;
    const step = (): void => {
      if (this.disk.flushSome(WRITES_PER_TURN)) setImmediate(step);
      else this.writing = false;
    };
    setImmediate(step);
  }
}
