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
  private batchDone: (() => void)[] = [];
  /** What to call when each batch sent is written, in the order sent. */
  private readonly sentDone: (() => void)[][] = [];
  private sent = 0;
  private acknowledged = 0;
  private wroteSinceIdle = false;
  private waiting: (() => void)[] = [];

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.on("message", (message: { done: number; wrote: boolean }) => {
      this.acknowledged += message.done;
      this.wroteSinceIdle ||= message.wrote;
      for (const done of this.sentDone.shift() ?? []) done();
      if (this.acknowledged === this.sent) this.settled();
    });
    // A worker that cannot run (no threads here) leaves the entries unwritten: a cache, never an error.
    this.worker.on("error", () => {
      this.acknowledged = this.sent;
      this.sentDone.splice(0).forEach((batch) => batch.forEach((done) => done()));
      this.settled();
    });
    // Keeps the process alive only while writes are under way (see send).
    this.worker.unref();
  }

  /** Writes `data` to `file` soon; `done` is called once it is written (or could not be). */
  write(file: string, data: string, done: () => void = () => undefined): void {
    this.batch.push([file, data]);
    this.batchDone.push(done);
    if (this.batch.length >= BATCH) this.send();
  }

  /** Waits for every file written so far; true when at least one was written since the last time it was asked. */
  private async idle(): Promise<boolean> {
    this.send();
    if (this.acknowledged < this.sent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    const wrote = this.wroteSinceIdle;
    this.wroteSinceIdle = false;
    return wrote;
  }

  /** idle, then ends the worker. */
  async finish(): Promise<boolean> {
    const wrote = await this.idle();
    await this.worker.terminate();
    return wrote;
  }

  private settled(): void {
    this.worker.unref();
    this.waiting.splice(0).forEach((resolve) => resolve());
  }

  private send(): void {
    if (this.batch.length === 0) return;
    this.sent += this.batch.length;
    this.sentDone.push(this.batchDone);
    this.worker.ref();
    this.worker.postMessage(this.batch);
    this.batch = [];
    this.batchDone = [];
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
