// Benchmark: generates healthy Alembic histories of several sizes in a temp folder and, for each,
// times the CLI end to end (cold and warm), Alembic loading the same folder, the analysis core in
// this process, and the real language server over stdio; then squawk and the CLI on SQL (Prisma)
// migrations, the bundled examples, and `verify` on a generated Prisma history. Prints one table
// per section and writes the same figures to test-output/bench.json. Figures only.
//   npm run bench
//   BENCH_SIZES=500,5000,20000   the generated sizes (default)
//   BENCH_QUICK=1                only 500 revisions, for a fast try
//   BENCH_RUNS=3                 runs per CLI/peer figure (medians); BENCH_SLOW_MS=20000: one run when the first takes longer
//   BENCH_LSP_MAX=5000           the largest size driven through the language server
//   BENCH_CORE_MAX=5000          the largest size measured in-process
//   BENCH_VERIFY_REVISIONS=500   the Prisma history's size (verify, and squawk's generated folder)
//   BENCH_KEEP=1                 keep the generated projects (their folder is printed)
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeMaxRssPreload } from "./benchChild";
import { cliHasCache, measureCheck, type CheckOptions } from "./benchCli";
import { measureCore, peakMemory } from "./benchCore";
import { generateHistory, writeProject, type Revision } from "./benchHistory";
import { filesIn, measureLsp } from "./benchLsp";
import { findAlembic, findSquawk, measureAlembic, measureSquawk, sqlFiles } from "./benchPeers";
import { printReport, writeReport, type BenchFigures, type HistoryShape, type SizeFigures, type SqlFolderFigures } from "./benchReport";
import { count, time } from "./benchStats";
import { measureVerify, writePrismaHistory } from "./benchVerify";

const env = (name: string): string | undefined => process.env[name] || undefined;
const QUICK = env("BENCH_QUICK") !== undefined && env("BENCH_QUICK") !== "0";
/** BENCH_REVISIONS (one size) is the older spelling of BENCH_SIZES. */
const SIZES = QUICK ? [500] : (env("BENCH_SIZES") ?? env("BENCH_REVISIONS") ?? "500,5000,20000").split(",").map((s) => Number(s.trim().replace(/_/g, "")));
const RUNS = Number(env("BENCH_RUNS") ?? 3);
const SLOW_MS = Number(env("BENCH_SLOW_MS") ?? 20_000);
const LSP_MAX = Number(env("BENCH_LSP_MAX") ?? 5000);
const CORE_MAX = Number(env("BENCH_CORE_MAX") ?? 5000);
const VERIFY_REVISIONS = Number(env("BENCH_VERIFY_REVISIONS") ?? 500);
const SEED = 0x5eed;
const CORE_COLD_RUNS = 5;
const EDITS = 20;
const REPO = path.resolve(__dirname, "..");
const CLI = path.join(REPO, "dist", "cli.js");
const SERVER = path.join(REPO, "dist", "server.js");

function shapeOf(revisions: readonly Revision[]): HistoryShape {
  const children = new Map<string, number>();
  for (const rev of revisions) for (const parent of rev.down) children.set(parent, (children.get(parent) ?? 0) + 1);
  return {
    files: revisions.length,
    heads: revisions.filter((r) => !children.has(r.id)).length,
    bases: revisions.filter((r) => r.down.length === 0).length,
    merges: revisions.filter((r) => r.down.length > 1).length,
    branchPoints: [...children.values()].filter((n) => n > 1).length,
    dependsOn: revisions.filter((r) => r.dependsOn.length > 0).length,
  };
}

/** A measured session with a fresh parse-cache folder, then a restart on the cache it left (when it left one). */
async function measureServer(preload: string, root: string, files: readonly string[]): Promise<NonNullable<SizeFigures["lsp"]>> {
  const cacheFolder = fs.mkdtempSync(path.join(path.dirname(root), "server-cache-"));
  const cold = await measureLsp(SERVER, preload, root, files, EDITS, cacheFolder);
  const cacheFiles = filesIn(cacheFolder);
  if (cacheFiles === 0) return { ...cold, cacheFiles, restart: undefined };
  const { initializeMs, firstAnalysisMs, serverMaxRssKb } = await measureLsp(SERVER, preload, root, files, 0, cacheFolder);
  return { ...cold, cacheFiles, restart: { initializeMs, firstAnalysisMs, serverMaxRssKb } };
}

const progress = (message: string): void => void process.stderr.write(`bench: ${message}\n`);

async function main(): Promise<void> {
  for (const size of SIZES) if (!Number.isInteger(size) || size < 20) throw new Error(`BENCH_SIZES: ${size} is not a size of at least 20 revisions`);
  if (!fs.existsSync(CLI) || !fs.existsSync(SERVER)) spawnSync(process.execPath, [path.join(REPO, "scripts", "build.mjs")], { cwd: REPO, stdio: "inherit" });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "migration-lens-bench-"));
  try {
    const preload = writeMaxRssPreload(tmp);
    // The children's default cache folder ($XDG_CACHE_HOME/migration-lens) is the bench's own: the
    // user's cache neither warms a cold run nor receives the generated histories.
    process.env["XDG_CACHE_HOME"] = path.join(tmp, "xdg-cache");
    const cache = cliHasCache(CLI);
    const check = (args: readonly string[], json: boolean): ReturnType<typeof measureCheck> => {
      const options: CheckOptions = { cliPath: CLI, preload, args, json, cwd: REPO, tmp, cache, runs: RUNS, slowMs: SLOW_MS };
      return measureCheck(options);
    };
    const alembic = findAlembic();
    const squawk = findSquawk(REPO);

    const sizes: SizeFigures[] = [];
    for (const size of SIZES) {
      const root = path.join(tmp, `alembic-${size}`);
      progress(`${count(size)} revisions: generating`);
      const [written, generateMs] = time(() => {
        const revisions = generateHistory(size, SEED);
        return { revisions, files: writeProject(root, revisions) };
      });
      progress(`${count(size)} revisions: CLI check`);
      const cli = check([root, "--format", "json", "--all"], true);
      if ("command" in alembic) progress(`${count(size)} revisions: Alembic`);
      const alembicRuns = "command" in alembic ? measureAlembic(alembic.command, path.join(root, "alembic.ini"), RUNS, SLOW_MS) : undefined;
      // The server only reads the files (edits stay in its open documents); the in-process core writes its edits to disk, so it comes last.
      if (size <= LSP_MAX) progress(`${count(size)} revisions: language server`);
      const lsp = size <= LSP_MAX ? await measureServer(preload, root, written.files) : undefined;
      if (size <= CORE_MAX) progress(`${count(size)} revisions: in-process core`);
      const core = size <= CORE_MAX ? measureCore(root, written.files, CORE_COLD_RUNS, EDITS) : undefined;
      sizes.push({ revisions: size, generateMs, shape: shapeOf(written.revisions), cli, alembic: alembicRuns, core, lsp });
      if (!env("BENCH_KEEP")) fs.rmSync(root, { recursive: true, force: true });
    }

    progress("SQL migrations (squawk, CLI)");
    const prismaLint = path.join(tmp, "prisma-lint");
    writePrismaHistory(prismaLint, VERIFY_REVISIONS, SEED);
    const sqlFolders = [
      { name: "examples/shop-prisma", folder: path.join(REPO, "examples", "shop-prisma"), arg: "examples/shop-prisma" },
      { name: `generated Prisma, ${count(VERIFY_REVISIONS)} revisions`, folder: prismaLint, arg: prismaLint },
    ];
    const sql: SqlFolderFigures[] = sqlFolders.map(({ name, folder, arg }) => {
      const files = sqlFiles(folder);
      return {
        name,
        files: files.length,
        squawk: "command" in squawk ? measureSquawk(squawk.command, files, folder, RUNS, SLOW_MS) : undefined,
        cli: check([arg, "--all"], false),
      };
    });

    progress("bundled examples");
    const examples = check(["examples", "--all"], false);
    progress(`verify, ${count(VERIFY_REVISIONS)} Prisma revisions`);
    const verify = measureVerify(CLI, tmp, VERIFY_REVISIONS, SEED);

    const figures: BenchFigures = {
      meta: {
        date: new Date().toISOString(),
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? "?",
        seed: `0x${SEED.toString(16)}`,
        sizes: SIZES,
        quick: QUICK,
        cliCache: cache,
        runs: RUNS,
        slowMs: SLOW_MS,
        coreMax: CORE_MAX,
        lspMax: LSP_MAX,
        coreColdRuns: CORE_COLD_RUNS,
        edits: EDITS,
      },
      peers: {
        alembic: "command" in alembic ? alembic.version : alembic.missing,
        alembicFound: "command" in alembic,
        squawk: "command" in squawk ? squawk.version : squawk.missing,
        squawkFound: "command" in squawk,
      },
      sizes,
      sql,
      examples,
      verify,
      benchProcess: { peakRss: peakMemory.rss, peakHeapUsed: peakMemory.heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 },
    };
    printReport(figures);
    console.log(`\nFigures written to ${path.relative(REPO, writeReport(REPO, figures))}`);
  } finally {
    // BENCH_KEEP=1 keeps the generated projects (to profile or inspect them); their folder is printed.
    if (env("BENCH_KEEP")) console.log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
