import { Worker } from "node:worker_threads";

/**
 * Writes files whole (a temporary file renamed into place, as writeWhole does) on a worker
 * thread, so the caller goes on meanwhile: creating thousands of small files costs about as much
 * as parsing them, and a run has another core. The worker's source is plain JavaScript here, not
 * a module of the bundle: an eval'd worker has nothing else to load.
 */
export class BackgroundWriter {
  private readonly worker: Worker;
  private batch: [string, string][] = [];
  private sent = 0;
  private acknowledged = 0;
  private anyWritten = false;
  private waiting: (() => void) | undefined;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.on("message", (message: { done: number; wrote: boolean }) => {
      this.acknowledged += message.done;
      this.anyWritten ||= message.wrote;
      if (this.acknowledged === this.sent) {
        this.worker.unref();
        this.waiting?.();
      }
    });
    // A worker that cannot run (no threads here) leaves the entries unwritten: a cache, never an error.
    this.worker.on("error", () => {
      this.acknowledged = this.sent;
      this.waiting?.();
    });
    // Keeps the process alive only while writes are under way (see send).
    this.worker.unref();
  }

  write(file: string, data: string): void {
    this.batch.push([file, data]);
    if (this.batch.length >= BATCH) this.send();
  }

  /** Waits for every file written so far; true when at least one was written. Ends the worker. */
  async finish(): Promise<boolean> {
    this.send();
    if (this.acknowledged < this.sent) await new Promise<void>((resolve) => (this.waiting = resolve));
    await this.worker.terminate();
    return this.anyWritten;
  }

  private send(): void {
    if (this.batch.length === 0) return;
    this.sent += this.batch.length;
    this.worker.ref();
    this.worker.postMessage(this.batch);
    this.batch = [];
  }
}

/** Entries posted at a time: few messages, and the worker starts writing early. */
const BATCH = 32;

const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const made = new Set();
function writeWhole(file, data) {
  const temporary = file + "." + process.pid + "." + Math.random().toString(36).slice(2) + ".tmp";
  try {
    const folder = path.dirname(file);
    if (!made.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
    return true;
  } catch {
    try { fs.rmSync(temporary, { force: true }); } catch {}
    return false;
  }
}
parentPort.on("message", (batch) => {
  let wrote = false;
  for (const [file, data] of batch) wrote = writeWhole(file, data) || wrote;
  parentPort.postMessage({ done: batch.length, wrote });
});
`;
