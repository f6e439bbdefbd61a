import type { RevisionFile } from "../alembic/revisionFile";
import type { MigrationSetSpec } from "../discovery/migrationSet";
import type { RevisionGraph } from "../graph/revisionGraph";
import type { Settings } from "../config/settings";
import type { FileHost, NotText } from "../host";
import type { Operation } from "../schema/operations";
import type { SetBranch } from "./setBranch";
import type { SqlJudge } from "../sql/sqlJudge";
import type { ReplayMemos } from "./replayMemo";
import type { GraphMemos } from "../graph/graphMemo";

/** One migration set after reading: its revision files and the graph they form. */
export interface AnalyzedSet {
  readonly spec: MigrationSetSpec;
  readonly files: readonly RevisionFile[];
  readonly graph: RevisionGraph;
  /** The project's configuration for this set (file, editor settings, defaults). */
  readonly settings: Settings;
  /** The schema before the first migration, when a baseline SQL file is configured. */
  readonly baseline?: { readonly file: string; readonly operations: readonly Operation[] };
  /** Tables the other sets of the workspace create: a plugin's migrations may alter the core's tables. */
  readonly siblingTables?: readonly string[];
  /** Python distributions the project's dependency files declare (normalized names). */
  readonly declaredPackages?: readonly string[];
  /** The set's env.py, as read at discovery. */
  readonly env?: { readonly path: string; readonly text: string };
  /** What the git branch adds to this set, and the set after merging it; absent when git was not asked. */
  readonly branch?: SetBranch;
  /** Migration files that exist but are not text (left out of `files`). */
  readonly notText?: readonly NotTextFile[];
}

export interface NotTextFile {
  readonly file: string;
  readonly notText: NotText;
}

export interface AnalysisOptions {
  /** The clock used for dates written into generated files. */
  readonly now: () => Date;
  /** Lets fixes read files they edit (the configuration); absent in pure tests. */
  readonly host?: FileHost;
  /** The database's own SQL parser: only what it rejects is a sql-syntax-error. Absent: the analysis's parser decides. */
  readonly sqlJudge?: SqlJudge;
  /** The workspace folders: a fix creating the configuration puts it where it will be found. */
  readonly roots?: readonly string[];
  /** What the last analysis's replays left, so the next replays only what changed; absent: each analysis replays all. */
  readonly replayMemos?: ReplayMemos;
  /** The last analysis's graphs, reused while no header changed; absent: each analysis builds them. */
  readonly graphMemos?: GraphMemos;
}

export const DEFAULT_OPTIONS: AnalysisOptions = { now: () => new Date() };
