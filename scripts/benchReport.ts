// What one benchmark run found, in one object: printed as one table per section and written as
// JSON (test-output/bench.json) so a README table can be made from the same figures. Figures
// only: nothing here passes or fails.
import * as fs from "node:fs";
import * as path from "node:path";
import type { CheckFigures } from "./benchCli";
import type { CoreFigures } from "./benchCore";
import type { LspFigures } from "./benchLsp";
import type { PeerRuns } from "./benchPeers";
import { count, median, mib, ms, ratio } from "./benchStats";
import { printTable } from "./benchTable";
import type { VerifyFigures } from "./benchVerify";

export interface HistoryShape {
  files: number;
  heads: number;
  bases: number;
  merges: number;
  branchPoints: number;
  dependsOn: number;
}

export interface SizeFigures {
  revisions: number;
  generateMs: number;
  shape: HistoryShape;
  cli: CheckFigures;
  /** Undefined when Alembic is not installed. */
  alembic: PeerRuns | undefined;
  /** Undefined above the in-process size limit. */
  core: CoreFigures | undefined;
  /** Undefined above BENCH_LSP_MAX. */
  lsp: LspServerFigures | undefined;
}

/** The measured server session (fresh cache folder) and a restart on what it kept. */
export interface LspServerFigures extends LspFigures {
  /** Files the server left in its cache folder. */
  cacheFiles: number;
  /** Undefined when the server kept no cache. */
  restart: Pick<LspFigures, "initializeMs" | "firstAnalysisMs" | "serverMaxRssKb"> | undefined;
}

export interface SqlFolderFigures {
  name: string;
  files: number;
  /** Undefined when squawk is not installed. */
  squawk: PeerRuns | undefined;
  cli: CheckFigures;
}

export interface BenchFigures {
  meta: {
    date: string;
    node: string;
    cpus: number;
    cpuModel: string;
    seed: string;
    sizes: number[];
    quick: boolean;
    /** Whether this build's CLI has the persistent cache (--cache-dir). */
    cliCache: boolean;
    runs: number;
    slowMs: number;
    coreMax: number;
    lspMax: number;
    coreColdRuns: number;
    edits: number;
  };
  peers: { alembic: string; alembicFound: boolean; squawk: string; squawkFound: boolean };
  sizes: SizeFigures[];
  sql: SqlFolderFigures[];
  examples: CheckFigures;
  verify: VerifyFigures;
  benchProcess: { peakRss: number; peakHeapUsed: number; maxRss: number };
}

const NO_CACHE = "n/a (no cache in this build)";
const warm = (c: CheckFigures): string => (c.warmMedianMs === undefined ? NO_CACHE : ms(c.warmMedianMs));
const analysed = (c: CheckFigures): string => (c.analysedMedianMs === undefined ? NO_CACHE : ms(c.analysedMedianMs));
const kib = (x: number | undefined): string => mib(x === undefined ? undefined : x * 1024);
const runsOf = (c: CheckFigures): string => (c.warmMs ? `${c.runs} cold + ${c.runs} + ${c.runs} warm` : `${c.runs} cold`);

export function printReport(f: BenchFigures): void {
  const m = f.meta;
  console.log(
    `Migration Lens benchmark: generated Alembic histories of ${m.sizes.map(count).join(", ")} revisions, seed ${m.seed}, node ${m.node}, ${m.cpus} cpus (${m.cpuModel})`,
  );
  console.log(`  CLI persistent cache: ${m.cliCache ? "yes (--cache-dir)" : "no (--help does not mention --cache-dir)"}`);

  printTable({
    title: "Generated histories",
    header: ["revisions", "files", "heads", "bases", "merges", "branch points", "depends_on", "generate + write"],
    rows: f.sizes.map((s) => [count(s.revisions), count(s.shape.files), `${s.shape.heads}`, `${s.shape.bases}`, `${s.shape.merges}`, `${s.shape.branchPoints}`, `${s.shape.dependsOn}`, ms(s.generateMs)]),
    notes: ["one unlabelled main line and 4 labelled branches, each ending on one head; no git repository in the temp folder, so every migration is judged"],
  });

  printTable({
    title: "CLI: node dist/cli.js check <project> --format json --all",
    header: ["revisions", "runs", "cold (median)", "warm, unchanged", "warm, analysed", "peak RSS cold", "peak RSS warm", "exit", "errors"],
    rows: f.sizes.map((s) => [count(s.revisions), runsOf(s.cli), ms(s.cli.coldMedianMs), warm(s.cli), analysed(s.cli), kib(s.cli.coldMaxRssKb), s.cli.warmMs ? kib(s.cli.warmMaxRssKb) : "n/a", `${s.cli.status}`, `${s.cli.errors ?? ""}`]),
    notes: [
      "whole-process wall time, node start-up included; peak RSS is the child's own (getrusage via a --require preload)",
      m.cliCache
        ? "cold: a fresh, empty --cache-dir for each run; warm, unchanged: the last cold run's --cache-dir again (the whole run recalled); warm, analysed: the same with its kept runs removed (every reading from the cache, the analysis run: what an edit costs)"
        : "cold: plain runs (this build has no persistent cache, so there is no warm run)",
      `median of ${m.runs} each; 1 each when the first cold run takes over ${ms(m.slowMs)}`,
    ],
  });

  if (f.peers.alembicFound) {
    printTable({
      title: "Alembic vs Migration Lens, same folder",
      header: ["revisions", "Alembic runs", "Alembic get_heads", "Alembic peak RSS", "ML cold", "ML warm", "ML cold / Alembic", "ML warm / Alembic", "ML analysed / Alembic"],
      rows: f.sizes.map((s) => {
        const a = s.alembic;
        const vs = (x: number | undefined): string => (x === undefined ? "n/a" : ratio(x, a?.medianMs));
        return [count(s.revisions), `${a?.runs ?? "?"}`, ms(a?.medianMs), kib(a?.maxRssKb), ms(s.cli.coldMedianMs), warm(s.cli), ratio(s.cli.coldMedianMs, a?.medianMs), vs(s.cli.warmMedianMs), vs(s.cli.analysedMedianMs)];
      }),
      notes: [
        `${f.peers.alembic}: python3 -c "ScriptDirectory.from_config(Config(alembic.ini)).get_heads()", whole-process wall time, median of ${m.runs} (1 when over ${ms(m.slowMs)})`,
        "Alembic only loads the revision graph; Migration Lens check also replays the schema and runs every rule",
      ],
    });
  } else console.log(`\nAlembic vs Migration Lens: skipped, ${f.peers.alembic}`);

  const core = f.sizes.filter((s) => s.core);
  if (core.length > 0)
    printTable({
      title: `In-process analysis core (MigrationWorkspace), sizes up to ${count(m.coreMax)}`,
      header: ["revisions", `cold, median of ${m.coreColdRuns}`, "discover + analyze", "first cold", `one edit, median of ${m.edits}`, "edit max", "findings"],
      rows: core.map((s) => {
        const c = s.core!;
        return [count(s.revisions), ms(c.coldMedianMs), `${ms(median(c.cold.map((x) => x.discover)))} + ${ms(median(c.cold.map((x) => x.analyze)))}`, ms(c.firstColdMs), ms(c.editMedianMs), ms(c.editMaxMs), `${c.findings.total} (${c.findings.errors} errors)`];
      }),
      notes: ["an edit: one line added to a revision file on disk, then refresh(file) + analyze(); files spread through the history"],
    });

  const lsp = f.sizes.filter((s) => s.lsp);
  if (lsp.length > 0)
    printTable({
      title: "Language server over stdio (node dist/server.js --stdio)",
      header: ["revisions", "initialize", "first analysis", "first, restart", "didOpen p50", "edit p50", "edit p95", "newest p50", "newest p95", "hover p50", "hover p95", "hovers answered", "server peak RSS"],
      rows: lsp.map((s) => {
        const l = s.lsp!;
        const restart = l.restart ? ms(l.restart.firstAnalysisMs) : "n/a (no cache kept)";
        return [count(s.revisions), ms(l.initializeMs), ms(l.firstAnalysisMs), restart, ms(l.openP50), ms(l.editP50), ms(l.editP95), ms(l.newestEditP50), ms(l.newestEditP95), ms(l.hoverP50), ms(l.hoverP95), `${l.hoversAnswered}/${l.edits * 2}`, kib(l.serverMaxRssKb)];
      }),
      notes: [
        "initialize, first analysis: from spawning the server; first analysis = the first migrationLens/analysisChanged notification (after initialized)",
        `first analysis with a fresh initializationOptions.cacheFolder; restart: a new server on the cache folder the first left (${lsp.map((s) => `${count(s.lsp!.cacheFiles)} files`).join(", ")})`,
        `didOpen: to the analysis the open causes, waited for before the edit; edit: didChange (full text, one op.add_column line after def upgrade) to the next migrationLens/analysisChanged; ${m.edits} files spread through the history, one edit each; newest: ${m.edits} edits in turn of the newest revision file (typing in a new migration)`,
        "hover: on the revision id, sent right after each didChange (both series), to its response (it may wait for that edit's analysis or answer from the last one: the server decides)",
        `analysis done is read from migrationLens/analysisChanged, not publishDiagnostics (sent only when diagnostics change: each edit adds an incomplete-downgrade info; ${lsp.map((s) => s.lsp!.publishDiagnostics).join(", ")} received)`,
        `scope the server reported: ${lsp[0]!.lsp!.firstSummary.scope.join("; ") || "(none)"}`,
        `sizes above ${count(m.lspMax)} are not run (BENCH_LSP_MAX); server peak RSS from a --require preload at exit (shutdown + exit)`,
      ],
    });

  printTable({
    title: "SQL migrations: squawk vs Migration Lens check <folder> --all",
    header: ["folder", "files", "squawk", "ML cold", "ML warm", "ML warm, analysed", "ML cold / squawk", "ML warm / squawk", "ML exit"],
    rows: f.sql.map((s) => [
      s.name,
      `${s.files}`,
      s.squawk ? `${ms(s.squawk.medianMs)} (exit ${s.squawk.status})` : "not installed",
      ms(s.cli.coldMedianMs),
      warm(s.cli),
      analysed(s.cli),
      ratio(s.cli.coldMedianMs, s.squawk?.medianMs),
      s.cli.warmMedianMs === undefined ? "n/a" : ratio(s.cli.warmMedianMs, s.squawk?.medianMs),
      `${s.cli.status}`,
    ]),
    notes: [
      f.peers.squawkFound ? `${f.peers.squawk}, every .sql file of the folder in one run, median of ${m.runs}` : `squawk skipped: ${f.peers.squawk}`,
      `Migration Lens: ${runsOf(f.sql[0]!.cli)} each, medians`,
    ],
  });

  printTable({
    title: "Bundled examples: node dist/cli.js check examples --all",
    header: ["runs", "cold (median)", "warm, unchanged", "warm, analysed", "peak RSS cold", "exit"],
    rows: [[runsOf(f.examples), ms(f.examples.coldMedianMs), warm(f.examples), analysed(f.examples), kib(f.examples.coldMaxRssKb), `${f.examples.status}`]],
  });

  const v = f.verify;
  printTable({
    title: "verify on a generated Prisma history (embedded PostgreSQL)",
    header: ["revisions", "tables at head", "wall", "exit", "result"],
    rows: [[count(v.revisions), `${v.tables}`, ms(v.ms), `${v.status}`, v.summary]],
  });

  const b = f.benchProcess;
  console.log(`\nThis process (in-process core): peak rss ${mib(b.peakRss)}, peak heapUsed ${mib(b.peakHeapUsed)} (sampled); maxRSS ${mib(b.maxRss)}`);
}

/** Writes the figures beside the other test output; returns the file. */
export function writeReport(repo: string, f: BenchFigures): string {
  const folder = path.join(repo, "test-output");
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, "bench.json");
  fs.writeFileSync(file, JSON.stringify(f, null, 2) + "\n");
  return file;
}
