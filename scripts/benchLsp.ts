// The real language server over stdio (`node dist/server.js --stdio`), driven as an editor drives
// it: what a user waits for, protocol and process start-up included. Measures the first analysis
// after start, then edits in open documents (didChange → the server's analysis-done notification)
// and a hover sent right behind each edit, and the server's own peak RSS. The server is given its
// parse-cache folder as VS Code gives it (initializationOptions.cacheFolder): a fresh one for the
// measured session, then the same one for a warm restart (first analysis only).
//
// "Analysis done" is the server's migrationLens/analysisChanged notification (AnalysisChanged-
// Notification in server/src/protocol.ts), sent after every analysis. publishDiagnostics is not
// used: the server publishes only diagnostics that changed, and the generated history is clean.
// No sleeps: every wait is for a notification or a response (with a deadline so a stuck server
// fails the bench instead of hanging it).
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import * as fs from "node:fs";
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Position,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";
import { AnalysisChangedNotification, type AnalysisSummary } from "../server/src/protocol";
import { readMaxRss } from "./benchChild";
import { median, percentile } from "./benchStats";

export interface LspFigures {
  /** Spawn to the initialize response. */
  initializeMs: number;
  /** Spawn to the first analysis-changed notification (sets found, git asked, everything analysed). */
  firstAnalysisMs: number;
  firstSummary: Pick<AnalysisSummary, "sets" | "revisions" | "heads" | "errors" | "warnings" | "infos" | "scope">;
  edits: number;
  /** didOpen of each edited file to the analysis-changed notification of the analysis the open causes. */
  openMs: number[];
  /** didChange sent to the next analysis-changed notification. */
  editMs: number[];
  /** Hover sent right after each didChange, to its response (whether it waits for that edit's analysis is the server's choice). */
  hoverMs: number[];
  /** Hovers that got an answer (the revision id's hover), of `edits`. */
  hoversAnswered: number;
  publishDiagnostics: number;
  editP50: number;
  editP95: number;
  /** didChange to analysis, typing in the newest revision (the same file, `edits` times): what writing a new migration costs. */
  newestEditMs: number[];
  newestEditP50: number;
  newestEditP95: number;
  hoverP50: number;
  hoverP95: number;
  openP50: number;
  /** The server process's peak RSS (KiB), from the preload at its exit. */
  serverMaxRssKb: number | undefined;
}

/** What VS Code's client announces that changes the server's behaviour: pulled settings, client-side file watching, workspace folders. */
const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: { synchronization: { didSave: true }, hover: { contentFormat: ["markdown", "plaintext"] }, publishDiagnostics: {} },
};

const DEADLINE_MS = 15 * 60_000;

/** The edit the benchmark makes: one line added right after `def upgrade() -> None:`. */
export function editedText(text: string, i: number): string {
  const line = `    op.add_column('bench_edits', sa.Column('edit_${i}', sa.Integer(), nullable=True))`;
  return text.replace(/(def upgrade\(\) -> None:\n)/, `$1${line}\n`);
}

/** Inside the `revision = '…'` id string. */
function revisionIdPosition(text: string): Position {
  const lines = text.split("\n");
  const line = lines.findIndex((l) => /^revision(: str)? = '/.test(l));
  if (line < 0) return { line: 0, character: 0 };
  return { line, character: lines[line]!.indexOf("'") + 2 };
}

/** Files under `folder`, recursively: whether the server kept anything in its cache folder. */
export function filesIn(folder: string): number {
  try {
    return fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

/** One server session: start, first analysis, `editCount` timed edits (none for a restart), shutdown. */
export async function measureLsp(serverPath: string, preload: string, root: string, files: readonly string[], editCount: number, cacheFolder: string): Promise<LspFigures> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--require", preload, serverPath, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const connection: ProtocolConnection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));

  // Every analysis-changed notification, with when it arrived.
  const analyses: { at: number; summary: AnalysisSummary }[] = [];
  let wake = (): void => undefined;
  let publishDiagnostics = 0;
  connection.onNotification(AnalysisChangedNotification, (summary) => {
    analyses.push({ at: performance.now(), summary });
    wake();
  });
  connection.onNotification(PublishDiagnosticsNotification.type, () => void publishDiagnostics++);
  // The server's requests, answered as VS Code would: default settings, watchers taken.
  connection.onRequest("workspace/configuration", (params: { items: unknown[] }) => params.items.map(() => ({})));
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("client/unregisterCapability", () => null);
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.onRequest("workspace/workspaceFolders", () => [{ uri: pathToFileURL(root).href, name: "bench" }]);
  connection.listen();

  /** Resolves with the first analysis after the `after`-th one. */
  const analysisAfter = (after: number): Promise<{ at: number; summary: AnalysisSummary }> =>
    new Promise((resolve, reject) => {
      const deadline = setTimeout(
        () => reject(new Error(`the server sent no migrationLens/analysisChanged within ${DEADLINE_MS / 60_000} min (analysis number ${after + 1}); stderr: ${stderr.trim().slice(-500)}`)),
        DEADLINE_MS,
      );
      const check = (): void => {
        const next = analyses[after];
        if (!next) return;
        clearTimeout(deadline);
        wake = () => undefined;
        resolve(next);
      };
      wake = check;
      check();
    });

  try {
    const rootUri = pathToFileURL(root).href;
    // As the extension sends them (InitializationOptions in server/src/protocol.ts); a server without the cache ignores them.
    const initializationOptions = { cacheFolder };
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: "bench" }], capabilities: CAPABILITIES, initializationOptions });
    const initializeMs = performance.now() - started;
    const first = analysisAfter(0);
    await connection.sendNotification(InitializedNotification.type, {});
    const firstAnalysis = await first;

    const openMs: number[] = [];
    const editMs: number[] = [];
    const newestEditMs: number[] = [];
    const hoverMs: number[] = [];
    let hoversAnswered = 0;
    const versions = new Map<string, number>();
    /** One edit of `file` (its text as on disk with edit `i`), timed to its analysis, with a hover sent right after it. */
    const timedEdit = async (file: string, i: number, into: number[]): Promise<void> => {
      const uri = pathToFileURL(file).href;
      const text = fs.readFileSync(file, "utf8");
      const position = revisionIdPosition(text);
      if (!versions.has(uri)) {
        // Opening a revision file makes the server read it from the editor and analyse once: that
        // analysis is waited for, so the edit below is timed alone.
        const opened = analysisAfter(analyses.length);
        const openStart = performance.now();
        await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "python", version: 1, text } });
        openMs.push((await opened).at - openStart);
        versions.set(uri, 1);
      }
      const version = versions.get(uri)! + 1;
      versions.set(uri, version);
      const analysed = analysisAfter(analyses.length);
      const changeStart = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: editedText(text, i) }] });
      const hoverStart = performance.now();
      const hover = connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }).then((answer) => {
        hoverMs.push(performance.now() - hoverStart);
        if (answer) hoversAnswered++;
      });
      into.push((await analysed).at - changeStart);
      await hover;
    };
    for (let i = 0; i < editCount; i++) await timedEdit(files[Math.floor(((i + 0.5) * files.length) / editCount)]!, i, editMs);
    // Keystrokes in the newest migration, where a branch's work usually is.
    for (let i = 0; i < editCount; i++) await timedEdit(files[files.length - 1]!, i, newestEditMs);

    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    await exited;
    const { sets, revisions, heads, errors, warnings, infos, scope } = firstAnalysis.summary;
    return {
      initializeMs,
      firstAnalysisMs: firstAnalysis.at - started,
      firstSummary: { sets, revisions, heads, errors, warnings, infos, scope },
      edits: editCount,
      openMs,
      editMs,
      hoverMs,
      hoversAnswered,
      publishDiagnostics,
      editP50: percentile(editMs, 50),
      editP95: percentile(editMs, 95),
      newestEditMs,
      newestEditP50: percentile(newestEditMs, 50),
      newestEditP95: percentile(newestEditMs, 95),
      hoverP50: percentile(hoverMs, 50),
      hoverP95: percentile(hoverMs, 95),
      openP50: median(openMs),
      serverMaxRssKb: readMaxRss(stderr),
    };
  } finally {
    connection.dispose();
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}
