// The peers Migration Lens is compared with, when this machine has them: Debian's Alembic
// (loading the generated history's revision graph, as every `alembic` command does first) and
// squawk (the SQL migration linter) on SQL migrations. A missing peer is skipped with a note; the
// bench never installs one.
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { firstProblem, runRepeated } from "./benchChild";
import { median } from "./benchStats";

export interface PeerRuns {
  runs: number;
  ms: number[];
  medianMs: number;
  status: number | null;
  /** Peak RSS (KiB) when the peer reports it (Alembic's Python prints its own). */
  maxRssKb: number | undefined;
  /** What the peer printed that shows it did the work (Alembic: the heads), or its first error line. */
  output: string;
}

export type Found = { readonly command: string; readonly version: string } | { readonly missing: string };

const PYTHON = "/usr/bin/python3";

/** ScriptDirectory.from_config(...).get_heads(): reads every revision file and builds the graph. */
const ALEMBIC_HEADS = [
  "import sys, resource",
  "from alembic.config import Config",
  "from alembic.script import ScriptDirectory",
  "heads = ScriptDirectory.from_config(Config(sys.argv[1])).get_heads()",
  "print(len(heads), 'heads')",
  "sys.stderr.write('\\nBENCH_MAXRSS %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)",
].join("\n");

export function findAlembic(): Found {
  if (!fs.existsSync(PYTHON)) return { missing: `${PYTHON} not found` };
  const probe = spawnSync(PYTHON, ["-c", "import alembic; print(alembic.__version__)"], { encoding: "utf8" });
  if (probe.status !== 0) return { missing: "python3-alembic is not installed (apt-get install python3-alembic)" };
  return { command: PYTHON, version: `Alembic ${probe.stdout.trim()} (${PYTHON})` };
}

/** Whole-process wall time of Alembic loading the history under the alembic.ini at `ini`. */
export function measureAlembic(python: string, ini: string, runs: number, slowMs: number): PeerRuns {
  return summarize(runRepeated(python, ["-c", ALEMBIC_HEADS, ini], path.dirname(ini), runs, slowMs));
}

/** squawk from node_modules/.bin, else on PATH. */
export function findSquawk(repo: string): Found {
  const local = path.join(repo, "node_modules", ".bin", "squawk");
  const onPath = (process.env["PATH"] ?? "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, "squawk"));
  const command = [local, ...onPath].find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
  if (!command) return { missing: "squawk is not installed (neither node_modules/.bin/squawk nor squawk on PATH; npm package squawk-cli)" };
  const probe = spawnSync(command, ["--version"], { encoding: "utf8" });
  return { command, version: `${(probe.stdout || probe.stderr || "squawk").trim().split("\n")[0]} (${command})` };
}

/** squawk linting every file at once (its exit status is 1 when it reports something). */
export function measureSquawk(squawk: string, files: readonly string[], cwd: string, runs: number, slowMs: number): PeerRuns {
  return summarize(runRepeated(squawk, files, cwd, runs, slowMs));
}

/** The .sql files under `folder`, sorted. */
export function sqlFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".sql"))
    .map((f) => path.join(folder, f))
    .sort();
}

function summarize(runs: ReturnType<typeof runRepeated>): PeerRuns {
  const last = runs.at(-1)!;
  const rss = runs.map((r) => r.maxRssKb).filter((x): x is number => x !== undefined);
  return {
    runs: runs.length,
    ms: runs.map((r) => r.ms),
    medianMs: median(runs.map((r) => r.ms)),
    status: last.status,
    maxRssKb: rss.length > 0 ? Math.max(...rss) : undefined,
    output: last.status === 0 ? last.stdout.trim().split("\n")[0] ?? "" : firstProblem(last) || last.stdout.trim().split("\n")[0] || "",
  };
}
