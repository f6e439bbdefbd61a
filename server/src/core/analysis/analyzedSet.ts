import type { RevisionFile } from "../alembic/revisionFile";
import type { MigrationSetSpec } from "../discovery/migrationSet";
import type { RevisionGraph } from "../graph/revisionGraph";

/** One migration set after reading: its revision files and the graph they form. */
export interface AnalyzedSet {
  readonly spec: MigrationSetSpec;
  readonly files: readonly RevisionFile[];
  readonly graph: RevisionGraph;
}

export interface AnalysisOptions {
  /** The clock used for dates written into generated files. */
  readonly now: () => Date;
}

export const DEFAULT_OPTIONS: AnalysisOptions = { now: () => new Date() };
