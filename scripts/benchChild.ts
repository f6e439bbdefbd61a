// Runs one program to completion and times it from spawn to exit (whole-process wall time, start-up
// included, as a user or CI waits for it). Node children get a preload that reports their own peak
// RSS (getrusage ru_maxrss, KiB) on stderr at exit, so memory is the child's, not the bench's.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

export interface ChildRun {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak RSS in KiB, when the child reported it. */
  maxRssKb: number | undefined;
  error: string | undefined;
}

const MARK = "BENCH_MAXRSS";

/** Writes the preload that reports a Node child's peak RSS; returns its path (for `--require`). */
export function writeMaxRssPreload(folder: string): string {
  const file = path.join(folder, "maxrss.cjs");
  fs.writeFileSync(file, `process.on('exit', () => process.stderr.write('\\n${MARK} ' + process.resourceUsage().maxRSS + '\\n'));\n`);
  return file;
}

/** Reads the figure the preload (or a Python child printing the same mark) wrote. */
export function readMaxRss(stderr: string): number | undefined {
  const match = new RegExp(`${MARK} (\\d+)`).exec(stderr);
  return match ? Number(match[1]) : undefined;
}

export function runChild(command: string, args: readonly string[], cwd: string): ChildRun {
  const start = performance.now();
  const child = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  const stderr = child.stderr ?? "";
  return { ms, status: child.status, stdout: child.stdout ?? "", stderr, maxRssKb: readMaxRss(stderr), error: child.error?.message };
}

/** The first line worth showing when a child failed. */
export function firstProblem(run: ChildRun): string {
  return (run.error ?? run.stderr.replace(new RegExp(`${MARK} \\d+`), "")).trim().split("\n")[0] ?? "";
}

/** `runs` runs, or only one when the first takes longer than slowMs (so the biggest sizes stay affordable). */
export function runRepeated(command: string, args: readonly string[], cwd: string, runs: number, slowMs: number): ChildRun[] {
  const done = [runChild(command, args, cwd)];
  if (done[0]!.ms <= slowMs) while (done.length < runs) done.push(runChild(command, args, cwd));
  return done;
}
