import type { Connection, WorkDoneProgressServerReporter } from "vscode-languageserver";

/** An analysis shorter than this shows nothing: progress that flashes by is noise. */
const SHOWN_AFTER_MS = 300;

/**
 * "Migration Lens: analysing migrations" in the editor's status bar while a long analysis runs
 * (a first one on a large history, an edit early in it), on clients that show server progress.
 */
export class AnalysisProgress {
  private reporter: Promise<WorkDoneProgressServerReporter | undefined> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly shown: boolean,
  ) {}

  /** The analysis paused after running this long: shown from here on, once long enough. */
  paused(elapsedMs: number): void {
    if (!this.shown || this.reporter || elapsedMs < SHOWN_AFTER_MS) return;
    this.reporter = this.connection.window.createWorkDoneProgress().then(
      (reporter) => {
        reporter.begin("Migration Lens", undefined, "analysing migrations");
        return reporter;
      },
      // The client refused the progress token: the analysis goes on unseen.
      () => undefined,
    );
  }

  /** The analysis finished or was dropped. */
  done(): void {
    void this.reporter?.then((reporter) => reporter?.done());
  }
}
