import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ParseCache } from "../core/cache/parseCache";
import { writeWhole } from "./writeWhole";
import { BackgroundWriter } from "./backgroundWriter";

/** The first line of every entry: what wrote it and for which key, so a foreign or stale file is never trusted. */
const FORMAT = "migration-lens-parse-cache 1";
/** The cache is bounded: past this many bytes the oldest entries go. */
const DEFAULT_LIMIT_BYTES = 256 * 2 ** 20;

/**
 * The parse cache as a folder of small files, one per entry, named by the SHA-256 of the
 * analyser's identity and the entry's key. Writes are kept until `flush` (or written at once on a
 * worker thread: see writeInBackground), each to a temporary file renamed into place: a reader
 * (another process) sees a whole entry or none, and two processes writing the same entry write
 * the same bytes.
 */
export class DiskParseCache implements ParseCache {
  private readonly pending = new Map<string, string>();
  /** Set by writeInBackground: entries are written on a worker thread as soon as they are kept. */
  private background = false;
  /** The worker writing now; ended when it has caught up (see settle), so an idle process holds no thread. */
  private writer: BackgroundWriter | undefined;

  constructor(
    readonly folder: string,
    private readonly analyser: string,
    private readonly limitBytes = DEFAULT_LIMIT_BYTES,
  ) {}

  /**
   * From now on each entry is written as soon as it is kept, on a worker thread, while the caller
   * goes on (the CLI parses the next files meanwhile, the server answers requests); `settle` and
   * `drain` wait for them. An entry stays readable here until its file is in place.
   */
  writeInBackground(): void {
    this.background = true;
  }

  /** Waits for the background writes so far and ends their worker, then keeps the cache within its bound. */
  async settle(): Promise<void> {
    const writer = this.writer;
    this.writer = undefined;
    if (!writer) return this.flush();
    if (await writer.finish()) this.prune();
  }

  /** settle, and writes in the foreground from now on. */
  async drain(): Promise<void> {
    await this.settle();
    this.background = false;
  }

  read(key: string): string | undefined {
    const digest = this.digest(key);
    const waiting = this.pending.get(digest);
    if (waiting !== undefined) return waiting;
    let data: string;
    try {
      data = fs.readFileSync(this.fileOf(digest), "utf8");
    } catch {
      return undefined;
    }
    const header = `${FORMAT} ${digest}\n`;
    return data.startsWith(header) ? data.slice(header.length) : undefined;
  }

  write(key: string, value: string, _file?: string): void {
    const digest = this.digest(key);
    this.pending.set(digest, value);
    // Forgotten here once on disk (a later write of the same key keeps its own value).
    if (this.background) this.writer ??= new BackgroundWriter();
    this.writer?.write(this.fileOf(digest), `${FORMAT} ${digest}\n${value}`, () => this.pending.get(digest) === value && this.pending.delete(digest));
  }

  /** Writes what was kept since the last flush; a folder that cannot be written leaves the cache empty, never an error. */
  flush(): void {
    // Written in the background already (see settle).
    if (this.pending.size === 0 || this.writer) return;
    const entries = [...this.pending];
    this.pending.clear();
    let wrote = false;
    for (const [digest, value] of entries) {
      if (writeWhole(this.fileOf(digest), `${FORMAT} ${digest}\n${value}`)) wrote = true;
      // The folder cannot be written: the others would fail alike.
      else if (!wrote) break;
    }
    if (wrote) this.prune();
  }

  /** Past the limit, removes the least recently written entries down to three quarters of it. */
  private prune(): void {
    const entries: { file: string; size: number; written: number }[] = [];
    let total = 0;
    for (const shard of safeList(this.folder)) {
      const folder = path.join(this.folder, shard);
      for (const name of safeList(folder)) {
        try {
          const stat = fs.statSync(path.join(folder, name));
          entries.push({ file: path.join(folder, name), size: stat.size, written: stat.mtimeMs });
          total += stat.size;
        } catch {
          // Removed meanwhile by another process.
        }
      }
    }
    if (total <= this.limitBytes) return;
    entries.sort((a, b) => a.written - b.written);
    for (const entry of entries) {
      if (total <= this.limitBytes * 0.75) break;
      fs.rmSync(entry.file, { force: true });
      total -= entry.size;
    }
  }

  private digest(key: string): string {
    return createHash("sha256").update(this.analyser).update("\u0000").update(key).digest("hex");
  }

  private fileOf(digest: string): string {
    return path.join(this.folder, digest.slice(0, 2), digest.slice(2));
  }
}

function safeList(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch {
    return [];
  }
}

/** The user's cache folder for Migration Lens: $XDG_CACHE_HOME, or the platform's own. */
export function defaultCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homeOf(env)): string {
  if (env["XDG_CACHE_HOME"]) return path.join(env["XDG_CACHE_HOME"], "migration-lens");
  if (platform === "darwin") return path.join(home, "Library", "Caches", "migration-lens");
  if (platform === "win32") return path.join(env["LOCALAPPDATA"] ?? path.join(home, "AppData", "Local"), "migration-lens", "Cache");
  return path.join(home, ".cache", "migration-lens");
}

function homeOf(env: NodeJS.ProcessEnv): string {
  return env["HOME"] ?? env["USERPROFILE"] ?? os.homedir();
}
