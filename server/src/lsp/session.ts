import * as path from "node:path";
import type { Connection, Diagnostic } from "vscode-languageserver";
import { MigrationWorkspace } from "../core/analysis/workspace";
import { CONFIG_FILE_NAME } from "../core/config/configFile";
import { readSettingsObject, type SettingsProblem } from "../core/config/settings";
import { readRevisionFile } from "../core/alembic/revisionFile";
import type { AnalysisResult } from "../core/analysis/analyzeSets";
import type { Finding } from "../core/model/findings";
import { summarizeAnalysis } from "../core/navigation/summaries";
import { AnalysisChangedNotification, type AnalysisSummary } from "../protocol";
import { NodeFileHost } from "../node/nodeFileHost";
import { toDiagnostic } from "./convert";
import { OverlayHost } from "./overlayHost";
import { pathToUri } from "./uris";
import type { BranchState } from "../core/git/branchState";
import { readBranchStates } from "../core/git/branchStates";
import type { GitHost } from "../core/git/gitHost";
import { setKey } from "../core/discovery/migrationSet";
import { NodeGitHost } from "../node/nodeGitHost";
import { unknownRuleProblem } from "../core/rules/ruleNames";
import { deferredSqlJudge } from "../node/databaseParsers";
import { DEFAULT_OPTIONS } from "../core/analysis/analyzedSet";
import type { BranchRequest } from "../core/analysis/workspace";
import { SessionParseCache } from "./sessionParseCache";
import { withReadings } from "../core/analysis/withReadings";
import type { ReplayMemos } from "../core/analysis/replayMemo";
import type { GraphMemos } from "../core/graph/graphMemo";
import { runSteps, type Steps } from "../core/steps";
import { AnalysisProgress } from "./analysisProgress";

/**
 * How long an analysis waits after the change that asked for it (see schedule): long enough for
 * the requests sent with the edit to be read first, short because it is pure waiting the user sees
 * in every edit's latency (keystrokes a person types come further apart than any debounce would
 * merge, and an analysis a newer edit overtakes is dropped between pieces anyway).
 */
const ANALYSIS_DEBOUNCE_MS = 4;
/** How long a scheduled analysis runs before it lets waiting requests be answered (see analyseInPieces). */
const PIECE_MS = 8;

/** What a set asks git: its base and folders; the same question keeps its answer. */
function asked(request: BranchRequest): string {
  return JSON.stringify([request.base, request.folders]);
}

/**
 * The server's state: the migration workspace, the editor overlay and what was last published.
 * Analyses are coalesced: many edits in one burst cause one analysis.
 */
export class Session {
  readonly host = new OverlayHost(new NodeFileHost());
  private workspace: MigrationWorkspace;
  private published = new Map<string, string>();
  private pending: { rediscover: boolean } | undefined;
  /** Runs queued or under way; while there is one, what is pending gets published once git has been read. */
  private runs = 0;
  private latest: AnalysisResult | undefined;
  /** Files outside every set already looked at as possible new sets, so typing in one does not rediscover. */
  private readonly probed = new Set<string>();
  /** What git says about each set (by setKey) and the request it answers, read again when refs or the sets change. */
  private branches = new Map<string, { readonly asked: string; readonly state: BranchState }>();
  private gitStale = true;
  /** Whether git was read once: until then an analysis a request needs is not published (it would judge all history). */
  private gitRead = false;
  /** Counts git reads: only the newest one's answer is kept. */
  private gitGeneration = 0;
  /** PostgreSQL's own parser, the judge of SQL syntax errors; loaded before the first analysis. */
  private readonly sqlJudge = deferredSqlJudge();
  /** Each analysis replays only from the first revision an edit changed (see replayDeclared). */
  private readonly analysisOptions = { ...DEFAULT_OPTIONS, sqlJudge: this.sqlJudge, replayMemos: new Map() as ReplayMemos, graphMemos: new Map() as GraphMemos };
  /** Whether this workspace's sets were found yet. */
  private discovered = false;
  /** The editor's `migrationLens` section as sent: read again when the workspace folders change, since its paths are relative to them. */
  private editorSection: Record<string, unknown> = {};
  /** What the last verification found, by file, with the text each file had then: shown until the file changes. */
  private verified = new Map<string, { readonly text: string | undefined; readonly findings: readonly Finding[] }>();

  /** Files whose text changed since the last finished analysis started (by the count of edits then): requests read them afresh. */
  private readonly editedSince = new Map<string, number>();
  /** Counts edits, so the view requests answer from is made again after each. */
  private edits = 0;
  /** Counts analyses started: one running in pieces stops when it is no longer the newest. */
  private analysisGeneration = 0;
  /** The generation of the analysis running in pieces, if one is. */
  private running: number | undefined;
  private answered: { readonly from: AnalysisResult; readonly edits: number; readonly view: AnalysisResult } | undefined;
  /** Readings kept between sessions (see SessionParseCache). */
  private readonly cache: SessionParseCache | undefined;

  constructor(
    private readonly connection: Connection,
    private roots: readonly string[],
    private readonly git: GitHost = new NodeGitHost(),
    cacheFolder?: string,
    /** The client shows server progress (window/workDoneProgress). */
    private readonly progressShown = false,
  ) {
    this.cache = SessionParseCache.open(cacheFolder, this.host);
    this.workspace = new MigrationWorkspace(this.host, roots, this.analysisOptions, this.cache);
  }

  get result(): AnalysisResult | undefined {
    return this.latest;
  }

  get workspaceRoots(): readonly string[] {
    return this.roots;
  }

  /**
   * What a request answers from at once, never waiting for an analysis: the last finished one,
   * with the files edited since read afresh (so positions match the editor's). Only before the
   * first analysis does it run one.
   */
  answering(): AnalysisResult {
    if (!this.latest) return this.flush();
    // Requests between two edits share one view, and the replays it memoizes.
    if (this.answered?.from !== this.latest || this.answered.edits !== this.edits) {
      this.answered = { from: this.latest, edits: this.edits, view: withReadings(this.latest, (file) => this.workspace.readingOf(file), new Set(this.editedSince.keys())) };
    }
    return this.answered.view;
  }

  /** The analysis of the text as it is now: a pending (or unfinished) one runs first, so positions match the editor's. */
  current(): AnalysisResult {
    return this.pending || this.running !== undefined || !this.latest ? this.flush() : this.latest;
  }

  /** Finds the sets again and re-analyses everything, now. */
  checkAll(): AnalysisSummary {
    this.schedule(true);
    return summarizeAnalysis(this.flush());
  }

  setRoots(roots: readonly string[]): void {
    this.roots = roots;
    this.workspace = new MigrationWorkspace(this.host, roots, this.analysisOptions, this.cache);
    this.discovered = false;
    this.applyEditorSettings();
    this.schedule(true);
  }

  /** The editor's `migrationLens.*` settings changed: re-analyse with them at once. Returns what was not understood. */
  setEditorSettings(section: Record<string, unknown>): SettingsProblem[] {
    this.editorSection = section;
    const problems = this.applyEditorSettings();
    // The base may be among them.
    this.askAgainIfChanged();
    this.schedule(false);
    return problems;
  }

  /** Editor paths are relative to the workspace folders (the server's folder without one). */
  private applyEditorSettings(): SettingsProblem[] {
    const { settings, problems } = readSettingsObject(this.editorSection, this.roots.length > 0 ? this.roots : [process.cwd()], unknownRuleProblem);
    this.workspace.setEditorSettings(settings);
    return problems;
  }

  /** An open document's text changed (or it was opened or closed). */
  documentChanged(file: string): void {
    this.edits++;
    this.editedSince.set(file, this.edits);
    if (this.workspace.refresh(file)) this.schedule(false);
    else if (this.couldStartNewSet(file)) this.schedule(true);
  }

  /** Files changed on disk, as the client's file watcher (or the server's own) reports them. */
  filesChanged(changes: readonly { file: string; kind: "created" | "changed" | "deleted" }[]): void {
    let rediscover = false;
    for (const { file, kind } of changes) {
      // An open document's buffer wins over what is saved: saving it changes nothing.
      if (kind === "changed" && this.host.isOpen(file)) continue;
      const name = path.basename(file);
      // A commit, checkout or fetch moved HEAD or a ref: what the branch adds may have changed.
      if (file.split(path.sep).includes(".git")) {
        this.gitStale = true;
        continue;
      }
      // Flyway's script configuration files (V2__x.sql.conf) are read with their folder's listing.
      if (name.endsWith(".ini") || name === "pyproject.toml" || name === CONFIG_FILE_NAME || name.endsWith(".sql.conf") || this.workspace.isConfigFile(file)) rediscover = true;
      else if (kind === "changed") this.workspace.refresh(file);
      // SQL migration folders are found by listing them: a file added or removed changes the set.
      else if (name.endsWith(".sql")) rediscover = true;
      else if (this.workspace.belongsToKnownSet(file)) this.workspace.fileCreatedOrDeleted(file);
      else if (kind === "deleted" || this.couldStartNewSet(file)) rediscover = true;
      if (kind !== "changed") this.probed.delete(file);
    }
    this.schedule(rediscover);
  }

  /** Runs the pending analysis now, whole (requests that need it, and tests); one running in pieces is dropped. */
  flush(): AnalysisResult {
    const edits = this.edits;
    return this.finish(runSteps(this.start()), edits);
  }

  /**
   * Runs the pending analysis a piece at a time, letting the requests that came meanwhile be
   * answered (from the last finished analysis) between pieces; dropped when a change makes it
   * stale or a request runs a newer one.
   */
  private async analyseInPieces(): Promise<void> {
    const edits = this.edits;
    const steps = this.start();
    const generation = this.analysisGeneration;
    this.running = generation;
    const progress = new AnalysisProgress(this.connection, this.progressShown);
    const started = performance.now();
    try {
      let piece = started;
      for (;;) {
        const next = steps.next();
        if (next.done) {
          this.running = undefined;
          this.finish(next.value, edits);
          return;
        }
        if (performance.now() - piece < PIECE_MS) continue;
        progress.paused(performance.now() - started);
        await new Promise((resolve) => setImmediate(resolve));
        if (generation !== this.analysisGeneration) return;
        piece = performance.now();
      }
    } finally {
      if (this.running === generation) this.running = undefined;
      progress.done();
    }
  }

  /** Takes the pending analysis (finding the sets first when asked), as its steps. */
  private start(): Steps<AnalysisResult> {
    const pending = this.pending;
    this.pending = undefined;
    this.analysisGeneration++;
    this.running = undefined;
    if (!this.discovered || pending?.rediscover) this.discover();
    // Its first step reads the files as they are: the callers take it at once.
    return this.workspace.analysis((spec) => this.branches.get(setKey(spec))?.state);
  }

  /** Keeps and publishes a finished analysis, which started after `edits` edits. */
  private finish(result: AnalysisResult, edits: number): AnalysisResult {
    this.latest = result;
    for (const [file, at] of this.editedSince) if (at <= edits) this.editedSince.delete(file);
    this.cache?.flushSoon();
    if (!this.gitRead) {
      // Answers the request, but is run again (and published) once git has been read: by a run
      // under way, or one started now (a request may come before any analysis was scheduled).
      if (this.runs > 0) this.pending ??= { rediscover: false };
      else this.schedule(false);
      return this.latest;
    }
    this.publish(this.latest);
    // Views and the status bar refresh on this, after every analysis.
    void this.connection.sendNotification(AnalysisChangedNotification, summarizeAnalysis(this.latest));
    // Sets found again here (a request ran the analysis): git is read for them next.
    if (this.gitStale) this.schedule(false);
    return this.latest;
  }

  schedule(rediscover: boolean): void {
    // An analysis running in pieces judges the files as they were: it is dropped for the new one.
    if (this.running !== undefined) this.analysisGeneration++;
    if (this.pending) {
      this.pending.rediscover ||= rediscover;
      return;
    }
    this.pending = { rediscover };
    this.runs++;
    // A debounce: the requests already sent after an edit (a hover, completion) are read and
    // answered from the last analysis first, and a burst of keystrokes makes one analysis.
    setTimeout(() => void this.run().finally(() => this.runs--), ANALYSIS_DEBOUNCE_MS);
  }

  /** The scheduled analysis: sets found first, git read when stale (so the first result is already scoped), then the analysis. */
  private async run(): Promise<void> {
    try {
      if (!this.pending) return;
      if (this.pending.rediscover || !this.discovered) {
        this.discover();
        this.pending.rediscover = false;
      }
      // The parsers of the sets' dialects, loaded once (a setting may change a set's dialect).
      await this.sqlJudge.ready(this.workspace.dialects());
      if (!this.pending) return;
      if (this.gitStale) {
        this.gitStale = false;
        const generation = ++this.gitGeneration;
        const requests = this.workspace.branchRequests();
        const states = await readBranchStates(this.git, requests);
        // A newer read started meanwhile (a ref moved, the base changed): its answer wins, and its run analyses.
        if (generation !== this.gitGeneration) return;
        this.branches = new Map(requests.map((r) => [setKey(r.spec), { asked: asked(r), state: states.get(r.spec)! }]));
        this.gitRead = true;
        // A request may have run the analysis meanwhile, with the old answer: run it again.
        this.pending ??= { rediscover: false };
      }
      if (this.pending) await this.analyseInPieces();
    } catch (error) {
      this.connection.console.error(`Migration Lens analysis failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  private discover(): void {
    this.workspace.discover();
    this.discovered = true;
    this.askAgainIfChanged();
  }

  /** Sets are asked about again only when new, or asked differently (their base or folders changed). */
  private askAgainIfChanged(): void {
    if (this.workspace.branchRequests().some((r) => this.branches.get(setKey(r.spec))?.asked !== asked(r))) this.gitStale = true;
  }

  /** Shows a verification's findings (replacing the last one's) beside the analysis's. */
  showVerified(findings: readonly Finding[], verifiedText: (file: string) => string | undefined): void {
    const byFile = new Map<string, Finding[]>();
    for (const finding of findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
    this.verified = new Map([...byFile].map(([file, list]) => [file, { text: verifiedText(file), findings: list }]));
    if (this.latest) this.publish(this.latest);
  }

  /** Publishes diagnostics only for files whose diagnostics changed, clearing files that have none now. */
  private publish(result: AnalysisResult): void {
    const byFile = new Map<string, Diagnostic[]>();
    const add = (file: string, diagnostic: Diagnostic): void => {
      const list = byFile.get(file) ?? [];
      list.push(diagnostic);
      byFile.set(file, list);
    };
    for (const finding of result.findings) add(finding.file, toDiagnostic(finding));
    // What PostgreSQL said holds for the text it ran: an edited file drops it.
    for (const [file, verified] of this.verified) {
      if (this.host.readFile(file) !== verified.text) this.verified.delete(file);
      else for (const finding of verified.findings) add(file, toDiagnostic(finding, "PostgreSQL"));
    }
    const next = new Map<string, string>();
    for (const [file, diagnostics] of byFile) next.set(file, JSON.stringify(diagnostics));
    for (const file of new Set([...this.published.keys(), ...next.keys()])) {
      const text = next.get(file);
      if (text === this.published.get(file)) continue;
      void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: byFile.get(file) ?? [] });
    }
    this.published = next;
  }

  /** A .py file outside every known set that is a revision may found a new set (asked once per file). */
  private couldStartNewSet(file: string): boolean {
    if (this.probed.has(file) || !file.endsWith(".py") || !this.roots.some((r) => !path.relative(r, file).startsWith(".."))) return false;
    this.probed.add(file);
    const text = this.host.readFile(file);
    if (!text?.includes("down_revision")) return false;
    const parsed = readRevisionFile(file, text);
    return parsed.revision !== undefined && parsed.downRevision !== undefined;
  }
}
