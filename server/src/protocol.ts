import { NotificationType, RequestType } from "vscode-languageserver-protocol";

/**
 * Custom messages between the extension and the language server, declared once and imported by
 * both sides. Positions are zero-based; paths are absolute file-system paths.
 */

export interface RevisionSummary {
  readonly id: string;
  readonly file: string;
  /** Line of the `revision =` statement. */
  readonly line: number;
  readonly message: string;
  /** A SQL migration's version and name as its file (or Prisma folder) is named: `20240101120000`, `add_users`. */
  readonly migrationName?: { readonly version?: string; readonly name: string };
  readonly createDate: string | undefined;
  /** down_revision as written (ids or labels), resolved or not. */
  readonly parents: readonly string[];
  /** down_revision entries that name nothing in the set. */
  readonly missingParents: readonly string[];
  readonly children: readonly string[];
  readonly dependsOn: readonly string[];
  readonly declaredLabels: readonly string[];
  /** Labels after Alembic's propagation. */
  readonly labels: readonly string[];
  readonly isHead: boolean;
  readonly isBase: boolean;
  readonly isMergePoint: boolean;
  readonly isBranchPoint: boolean;
  readonly errors: number;
  readonly warnings: number;
  /** Added or changed on this git branch since it forked from its base (or not committed). */
  readonly isNew: boolean;
}

/** What git says about a set's branch: the base and how many migrations the branch adds, or why there is no base. */
export type BranchSummary = { readonly base: string; readonly adds: number } | { readonly reason: string };
/** Problems by severity, one per published diagnostic, as the Problems panel counts them. */
export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export interface SetSummary {
  readonly kind: string;
  /** The set's root folder; identifies the set in other requests. */
  readonly root: string;
  readonly configFile: string | undefined;
  /** Newest first, as `alembic history` lists them. */
  readonly revisions: readonly RevisionSummary[];
  readonly heads: readonly string[];
  /** Heads on one branch that `alembic upgrade head` refuses, in groups (as multiple-heads reports them). */
  readonly competingHeads: readonly (readonly string[])[];
  readonly bases: readonly string[];
  readonly branch?: BranchSummary;
  /** In every file of the set: its revisions (SQL down files included), its configuration, env.py, the baseline. */
  readonly problems: ProblemCounts;
}

export interface SetsResult {
  readonly sets: readonly SetSummary[];
}

export const SetsRequest = new RequestType<void, SetsResult, void>("migrationLens/sets");

/**
 * Sent by the server after every analysis, so views and the status bar refresh. The problem
 * counts are of every diagnostic published (config files included).
 */
export interface AnalysisSummary extends ProblemCounts {
  readonly sets: number;
  readonly revisions: number;
  readonly heads: number;
  /** Migrations the git branch adds, over every set whose base is known. */
  readonly newMigrations: number;
  /** What was judged: against which base, or every migration and why (one line each). */
  readonly scope: readonly string[];
}

export const AnalysisChangedNotification = new NotificationType<AnalysisSummary>("migrationLens/analysisChanged");

/** A new revision file, computed by the server from the set's script.py.mako (or Alembic's default layout); the client writes it. */
export interface NewRevisionParams {
  readonly root: string;
  readonly message: string;
  /** The down_revision: one head for a new revision, all heads for a merge. */
  readonly parents: readonly string[];
}

export interface NewRevisionResult {
  readonly file: string;
  readonly text: string;
  /** Zero-based line of `revision =` in the text, to put the cursor on. */
  readonly revisionLine: number;
  /** The new revision id. */
  readonly id?: string;
  /** The script.py.mako the text was rendered from; absent when Alembic's default layout was used. */
  readonly template?: string;
  /** Why the set's script.py.mako was not used, when it was not (or there is none). */
  readonly fallbackReason?: string;
}

export const NewRevisionRequest = new RequestType<NewRevisionParams, NewRevisionResult, void>("migrationLens/newRevision");

/** The replayed schema of a set at a revision, as SQL DDL. */
export interface SchemaAtParams {
  readonly root: string;
  readonly revision: string;
}

export const SchemaAtRequest = new RequestType<SchemaAtParams, { readonly ddl: string }, void>("migrationLens/schemaAt");

/** A Markdown report of every set: heads, bases, merges and every diagnostic grouped by file. */
export const ReportRequest = new RequestType<void, { readonly markdown: string }, void>("migrationLens/report");

/** Finds the sets again and re-analyses everything. */
export const CheckAllRequest = new RequestType<void, AnalysisSummary, void>("migrationLens/checkAll");

/** Runs the sets (or the one at `root`) on an embedded PostgreSQL: `migration-lens verify` in the editor. */
export interface VerifyParams {
  readonly root?: string;
  readonly roundtrip?: boolean;
}

export interface VerifiedSet {
  readonly root: string;
  readonly revisions: number;
  readonly verified: number;
  readonly rejected: number;
  readonly mismatches: number;
  readonly notVerified: number;
  /** Why the set was not run (another database). */
  readonly skipped?: string;
}

export interface VerifyResult {
  readonly database: string;
  readonly sets: readonly VerifiedSet[];
  readonly cancelled: boolean;
  readonly milliseconds: number;
}

export const VerifyRequest = new RequestType<VerifyParams, VerifyResult, void>("migrationLens/verify");

/** Sent while a verification runs: revisions done of the set being run. */
export interface VerifyProgress {
  readonly root: string;
  readonly done: number;
  readonly total: number;
}

export const VerifyProgressNotification = new NotificationType<VerifyProgress>("migrationLens/verifyProgress");

/** What the extension tells the server when it starts (`initializationOptions`). */
export interface InitializationOptions {
  /** Where the server keeps each file's reading between sessions: the extension's global storage. */
  readonly cacheFolder?: string;
}
