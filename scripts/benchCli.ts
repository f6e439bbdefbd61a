// The CLI end to end (`node dist/cli.js check …`), as CI runs it: cold and warm wall time and the
// child's peak RSS. Cold runs each get a fresh, empty --cache-dir; warm runs reuse the last cold
// run's cache: "unchanged" recalls the whole run kept there, "analysed" forgets kept runs first and
// analyses again from the kept readings (as after an edit, less parsing the one edited file). A
// build without the persistent cache (no --cache-dir in --help) gets cold runs only.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { firstProblem, runChild, type ChildRun } from "./benchChild";
import { median } from "./benchStats";

export interface CheckFigures {
  /** Runs of each kind (cold, and warm when there is a cache). */
  runs: number;
  coldMs: number[];
  /** Undefined: this build has no persistent cache. */
  warmMs: number[] | undefined;
  coldMedianMs: number;
  warmMedianMs: number | undefined;
  /** Highest peak RSS (KiB) over the cold runs, and over the warm ones. */
  coldMaxRssKb: number | undefined;
  warmMaxRssKb: number | undefined;
  /** Warm runs that analyse (no kept run to recall): every file's reading from the cache. */
  analysedMs: number[] | undefined;
  analysedMedianMs: number | undefined;
  status: number | null;
  /** The JSON report's error count, when the format is json; otherwise what went wrong, if anything. */
  errors: number | string | undefined;
}

export interface CheckOptions {
  cliPath: string;
  preload: string;
  /** Everything after `check`, e.g. [project, "--format", "json", "--all"]. */
  args: readonly string[];
  /** The args ask for a JSON report: its error count is read. */
  json: boolean;
  cwd: string;
  /** Where the cold runs' cache folders are made. */
  tmp: string;
  cache: boolean;
  /** Runs of each kind; 1 when the first cold run takes longer than slowMs. */
  runs: number;
  slowMs: number;
}

/** Whether this build of the CLI has the persistent cache (its --help mentions --cache-dir). */
export function cliHasCache(cliPath: string): boolean {
  const help = spawnSync(process.execPath, [cliPath, "--help"], { encoding: "utf8" });
  return `${help.stdout ?? ""}${help.stderr ?? ""}`.includes("--cache-dir");
}

export function measureCheck(o: CheckOptions): CheckFigures {
  const run = (cacheArgs: readonly string[]): ChildRun => runChild(process.execPath, ["--require", o.preload, o.cliPath, "check", ...o.args, ...cacheArgs], o.cwd);
  const cold: ChildRun[] = [];
  let cacheDir: string | undefined;
  const coldRun = (): void => {
    cacheDir = o.cache ? fs.mkdtempSync(path.join(o.tmp, "cache-")) : undefined;
    cold.push(run(cacheDir ? ["--cache-dir", cacheDir] : []));
  };
  coldRun();
  const runs = cold[0]!.ms > o.slowMs ? 1 : o.runs;
  while (cold.length < runs) coldRun();
  // Warm: the cache the last cold run left, read again.
  const warm: ChildRun[] = [];
  if (cacheDir) while (warm.length < runs) warm.push(run(["--cache-dir", cacheDir]));
  const analysed: ChildRun[] = [];
  while (cacheDir && analysed.length < runs) {
    fs.rmSync(path.join(cacheDir, "results"), { recursive: true, force: true });
    analysed.push(run(["--cache-dir", cacheDir]));
  }

  const last = warm.at(-1) ?? cold.at(-1)!;
  const maxRss = (xs: readonly ChildRun[]): number | undefined => (xs.some((x) => x.maxRssKb !== undefined) ? Math.max(...xs.map((x) => x.maxRssKb ?? 0)) : undefined);
  return {
    runs,
    coldMs: cold.map((r) => r.ms),
    warmMs: o.cache ? warm.map((r) => r.ms) : undefined,
    coldMedianMs: median(cold.map((r) => r.ms)),
    warmMedianMs: o.cache ? median(warm.map((r) => r.ms)) : undefined,
    coldMaxRssKb: maxRss(cold),
    warmMaxRssKb: o.cache ? maxRss(warm) : undefined,
    analysedMs: o.cache ? analysed.map((r) => r.ms) : undefined,
    analysedMedianMs: o.cache ? median(analysed.map((r) => r.ms)) : undefined,
    status: last.status,
    errors: o.json ? jsonErrors(last) : last.status === 0 || last.status === 1 ? undefined : firstProblem(last),
  };
}

function jsonErrors(run: ChildRun): number | string {
  try {
    return (JSON.parse(run.stdout) as { summary: { errors: number } }).summary.errors;
  } catch {
    return `? (no JSON report: ${firstProblem(run)})`;
  }
}
