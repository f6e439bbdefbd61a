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
 * analyser's identity and the entry's key. Writes are kept until `flush`, then written to a
 * temporary file and renamed into place: a reader (another process) sees a whole entry or none,
 * and two processes writing the same entry write the same bytes.
 */
export class DiskParseCache implements ParseCache {
  private readonly pending = new Map<string, string>();
  /** Set by writeInBackground: each entry goes to it as soon as it is kept. */
  private writer: BackgroundWriter | undefined;

  constructor(
    readonly folder: string,
    private readonly analyser: string,
    private readonly limitBytes = DEFAULT_LIMIT_BYTES,
  ) {}

  /**
   * From now on each entry is written as soon as it is kept, on a worker thread, while the caller
   * goes on (the CLI parses the next files meanwhile); `drain` waits for them. Entries stay
   * readable here until then.
   */
  writeInBackground(): void {
    this.writer ??= new BackgroundWriter();
  }

  /** Writes everything kept (waiting for background writes), then keeps the cache within its bound. */
  async drain(): Promise<void> {
    const writer = this.writer;
    this.writer = undefined;
    if (!writer) return this.flush();
    const wrote = await writer.finish();
    this.pending.clear();
    if (wrote) this.prune();
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
    this.writer?.write(this.fileOf(digest), `${FORMAT} ${digest}\n${value}`);
  }

  /** Writes what was kept since the last flush; a folder that cannot be written leaves the cache empty, never an error. */
  flush(): void {
    this.flushSome(Infinity);
  }

  /** Writes at most `count` of the entries kept; returns whether some are left (a server writes a slice at a time, between requests). */
  flushSome(count: number): boolean {
    // Written in the background already (see drain).
    if (this.pending.size === 0 || this.writer) return false;
    const entries = [...this.pending].slice(0, count);
    for (const [digest] of entries) this.pending.delete(digest);
    let wrote = false;
    for (const [digest, value] of entries) {
      if (writeWhole(this.fileOf(digest), `${FORMAT} ${digest}\n${value}`)) wrote = true;
      // The folder cannot be written: the others would fail alike.
      else if (!wrote) break;
    }
    if (wrote && this.pending.size === 0) this.prune();
    return this.pending.size > 0;
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
