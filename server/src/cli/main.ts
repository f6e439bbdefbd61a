import * as fs from "node:fs";
import * as path from "node:path";
import { MigrationWorkspace } from "../core/analysis/workspace";
import { DEFAULT_OPTIONS } from "../core/analysis/analyzedSet";
import { deferredSqlJudge } from "../node/databaseParsers";
import { NodeFileHost } from "../node/nodeFileHost";
import { jsonReport } from "./jsonReport";
import { textReport } from "./textReport";
import { githubReport } from "./githubReport";
import { gitlabReport } from "./gitlabReport";
import { sarifReport } from "./sarifReport";
import { VERSION } from "./packageInfo";
import { markdownNotes } from "./markdownNotes";
import type { Severity } from "../core/model/findings";
import type { AnalysisResult } from "../core/analysis/analyzeSets";
import { schemaCommand } from "./schemaCommand";
import { NodeGitHost } from "../node/nodeGitHost";
import { readBranchStates } from "../core/git/branchStates";
import { DiskParseCache } from "../node/diskParseCache";
import { ANALYSER_BUILD } from "../node/analyserBuild";
import { parseArgs, cacheFolderOf, type CliArgs, type Format } from "./args";
import { ResultCache, sha256 } from "../node/resultCache";
import { RecordingFileHost } from "../core/cache/recordingFileHost";
import { RecordingGitHost } from "../core/git/recordingGitHost";

const USAGE = `Usage: migration-lens check [PATH...] [--format text|json|github|gitlab|sarif|markdown] [--fail-on error|warning|info|never]
                            [--output FILE] [--base REF] [--all] [--cache-dir DIR | --no-cache]
       migration-lens notes [PATH...] [--base REF] [--fail-on …] [--output FILE]
       migration-lens schema [PATH...] [--at REV|head|base]
       migration-lens verify [PATH...] [--to REV] [--roundtrip] [--locks] [--database-url URL] [--format text|json]
       migration-lens lsp [--stdio]
       migration-lens --version

check   finds the migration sets under each PATH (default: the current folder), replays them
        and prints what will break. The change-safety rules judge only the migrations this git
        branch adds since it forked from the base (--base REF, default: the upstream default
        branch); --all judges every migration. A migration that would break once the branch is
        merged into the base (two heads, an out-of-order version) is reported too.
        --format github prints GitHub Actions annotation commands, --format gitlab a GitLab
        code-quality report, --format sarif a SARIF 2.1.0 log for code scanning; --output FILE
        writes the report to FILE instead of standard output.
        --format markdown prints the pull request's migration notes (see notes).
notes   check --format markdown --fail-on never: the pull request's migration notes (what the
        branch adds, heads before and after the merge, checked claims, problems).
schema  prints the replayed schema as SQL DDL: at the heads, or after revision REV.
verify  runs each PostgreSQL set's migrations on a PostgreSQL embedded in this process (PGlite:
        no server, no Docker, no network), revision by revision: the first statement it rejects
        is reported with its message, and after each revision its catalog is compared with the
        replay (replay-mismatch). Alembic operations are rendered as offline mode renders them.
        --to REV stops at REV; --roundtrip also runs each downgrade and the upgrade again, and
        checks the downgrade leaves the catalog the upgrade found; --locks reads the locks each
        statement takes (pg_locks) and the tables it rewrites, and says where the static rules
        disagree. --database-url URL runs on that PostgreSQL instead (an empty, throwaway database:
        verify drops what the migrations create).
lsp     runs the language server over stdio, for editors other than VS Code.

Each file's reading is kept in a cache (by the file's text and this version of Migration Lens),
so a file that did not change is not parsed again: in $XDG_CACHE_HOME/migration-lens (or the
platform's cache folder), or in --cache-dir DIR; --no-cache neither reads nor writes it. check,
notes, schema and verify take both options. A check (without --output) is kept whole too: run
again while every file it read, folder it listed and git ref it asked says the same, it prints
the same report at once.

Exit status: 0 nothing at or above --fail-on (default: error), 1 findings at or above it (check),
a rejected statement or a mismatch (verify), 2 usage or internal failure.`;

const REPORTS: Record<Format, (result: AnalysisResult, cwd: string) => string> = {
  text: textReport,
  json: (result, cwd) => JSON.stringify(jsonReport(result, cwd), null, 2) + "\n",
  github: githubReport,
  gitlab: gitlabReport,
  sarif: (result, cwd) => JSON.stringify(sarifReport(result, cwd), null, 2) + "\n",
  markdown: markdownNotes,
};
/** What --fail-on counts, from the most severe. */
const AT_LEAST: Record<CliArgs["failOn"], readonly Severity[]> = { error: ["error"], warning: ["error", "warning"], info: ["error", "warning", "info"], never: [] };

export async function main(argv: string[], cwd: string, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    out(USAGE + "\n");
    return 0;
  }
  if (argv.includes("--version") || argv.includes("-V")) {
    out(`migration-lens ${VERSION}\n`);
    return 0;
  }
  // The language server keeps running after this returns, until its client says exit. It, verify
  // and the databases are loaded only when asked for: every check would pay for them otherwise.
  const lspError = argv[0] === "lsp" ? (await import("./lspCommand")).lspCommand(argv.slice(1)) : "";
  if (lspError === undefined) return 0;
  const args = lspError ? lspError : parseArgs(argv);
  if (typeof args === "string") {
    err(`migration-lens: ${args}\n\n${USAGE}\n`);
    return 2;
  }
  const roots = (args.paths.length > 0 ? args.paths : ["."]).map((p) => path.resolve(cwd, p));
  const missing = roots.filter((r) => !fs.existsSync(r));
  if (missing.length > 0) {
    err(`migration-lens: no such file or folder: ${missing.map((m) => path.relative(cwd, m) || m).join(", ")}\n`);
    return 2;
  }
  if (args.noCache && args.cacheDir !== undefined) {
    err(`migration-lens: --cache-dir and --no-cache cannot be given together\n\n${USAGE}\n`);
    return 2;
  }
  const cacheFolder = cacheFolderOf(args, cwd);
  const cache = cacheFolder === undefined ? undefined : new DiskParseCache(cacheFolder, ANALYSER_BUILD ?? "development");
  cache?.writeInBackground();
  // A build from the sources has no digest to tell its runs apart: only a built CLI keeps whole runs.
  const kept =
    cacheFolder !== undefined && ANALYSER_BUILD !== undefined && args.command === "check" && args.output === undefined
      ? { results: new ResultCache(cacheFolder, ANALYSER_BUILD, argv, cwd), files: new RecordingFileHost(new NodeFileHost(), sha256), git: new RecordingGitHost(new NodeGitHost()) }
      : undefined;
  const files = kept?.files ?? new NodeFileHost();
  const git = kept?.git ?? new NodeGitHost();
  // A fix that writes today's date (a new revision file) makes a run that cannot be printed again tomorrow.
  let clockRead = false;
  const now = (): Date => ((clockRead = true), DEFAULT_OPTIONS.now());
  // The databases' parsers load (WebAssembly) while the files are read; the analysis waits for them.
  const sqlJudge = deferredSqlJudge();
  const workspace = new MigrationWorkspace(files, roots, { ...DEFAULT_OPTIONS, now, sqlJudge }, cache);
  // Command-line choices win over the configuration file.
  if (args.base !== undefined || args.all) workspace.setCommandLineSettings({ ...(args.base !== undefined ? { base: args.base } : {}), ...(args.all ? { scope: "all" as const } : {}) });
  workspace.discover();
  const branches = args.command === "check" ? await readBranchStates(git, workspace.branchRequests()) : undefined;
  await sqlJudge.ready(workspace.dialects());
  const result = workspace.analyze(branches && ((spec) => branches.get(spec)));
  await cache?.drain();
  // A mistyped path must not pass in CI as "nothing wrong".
  if (result.sets.length === 0) {
    err(`migration-lens: no migration set under ${roots.map((r) => path.relative(cwd, r) || ".").join(", ")} (looked for alembic.ini, folders of revision files and SQL migration folders)\n`);
    return 2;
  }
  if (args.command === "verify") {
    const { verifyCommand } = await import("./verifyCommand");
    const databases = args.databaseUrl !== undefined ? new (await import("../node/serverDatabases")).ServerDatabases(args.databaseUrl) : new (await import("../node/pgliteDatabases")).PgliteDatabases();
    try {
      const options = { to: args.to, roundtrip: args.roundtrip, locks: args.locks, format: args.format === "json" ? ("json" as const) : ("text" as const) };
      const verified = await verifyCommand(result, databases, options, cwd, (file) => new NodeFileHost().readFile(file), () => performance.now());
      if (verified.error !== undefined) {
        err(`migration-lens: ${verified.error}\n`);
        return 2;
      }
      out(verified.output);
      return verified.failed ? 1 : 0;
    } catch (error) {
      // A database that cannot be reached, or one that is not empty: said plainly, exit 2.
      if (args.databaseUrl === undefined) throw error;
      err(`migration-lens: cannot verify on ${databases.description}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  }
  if (args.command === "schema") {
    const schema = schemaCommand(result, args.at, cwd);
    if (schema.error) {
      err(`migration-lens: ${schema.error}\n`);
      return 2;
    }
    out(schema.output);
    return 0;
  }
  const report = REPORTS[args.format](result, cwd);
  if (args.output !== undefined) {
    try {
      fs.writeFileSync(path.resolve(cwd, args.output), report);
    } catch (error) {
      err(`migration-lens: cannot write ${args.output}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  } else out(report);
  const code = result.findings.some((f) => AT_LEAST[args.failOn].includes(f.severity)) ? 1 : 0;
  if (kept && !clockRead) kept.results.keep({ files: kept.files.inputs(), git: kept.git.questions() }, { stdout: report, code });
  return code;
}
