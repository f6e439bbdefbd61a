import * as path from "node:path";
import * as vscode from "vscode";
import { SetsRequest, type AnalysisSummary, type RevisionSummary, type SetSummary } from "../../server/src/protocol";
import type { ExtensionContext } from "./context";

/**
 * The migration sets as the server last reported them (SetsRequest), refreshed after every
 * analysis. The tree, the graph and the status bar all draw from this one copy.
 */
export class SetsModel implements vscode.Disposable {
  private current: readonly SetSummary[] = [];
  private lastSummary: AnalysisSummary | undefined;
  private isLoaded = false;
  private running: Promise<void> | undefined;
  private again = false;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChange = this.emitter.event;

  constructor(private readonly ctx: ExtensionContext) {
    this.subscriptions = [
      ctx.onDidChangeAnalysis((summary) => {
        this.lastSummary = summary;
        this.refresh();
      }),
      ctx.onDidChangeState((state) => {
        if (state === "running") this.refresh();
        else this.update([], false);
      }),
    ];
  }

  get sets(): readonly SetSummary[] {
    return this.current;
  }

  /** True once the running server has answered at least once. */
  get loaded(): boolean {
    return this.isLoaded;
  }

  /** Totals of the last analysis (problems outside revision files included). */
  get summary(): AnalysisSummary | undefined {
    return this.lastSummary;
  }

  set summary(summary: AnalysisSummary | undefined) {
    this.lastSummary = summary;
  }

  /** Asks the server again; calls made while a request is out coalesce into one more. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          const result = await this.ctx.request(SetsRequest, undefined);
          this.update(result.sets, true);
        } catch (error) {
          if (this.ctx.state === "running") console.error(`Migration Lens: ${SetsRequest.method} failed: ${String(error)}`);
        }
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  set(root: string): SetSummary | undefined {
    return this.current.find((s) => s.root === root);
  }

  revision(root: string, id: string): RevisionSummary | undefined {
    return this.set(root)?.revisions.find((r) => r.id === id);
  }

  /** The set a file belongs to: one of its revisions, or under its root. */
  setOf(file: string): SetSummary | undefined {
    return (
      this.current.find((s) => s.revisions.some((r) => r.file === file)) ??
      this.current.find((s) => !path.relative(s.root, file).startsWith(".."))
    );
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.emitter.dispose();
  }

  private update(sets: readonly SetSummary[], loaded: boolean): void {
    this.current = sets;
    this.isLoaded = loaded;
    if (!loaded) this.lastSummary = undefined;
    void vscode.commands.executeCommand("setContext", "migrationLens.loaded", loaded);
    void vscode.commands.executeCommand("setContext", "migrationLens.hasMigrations", sets.length > 0);
    this.emitter.fire();
  }
}

/** A set's name as people know it: its folder, relative to the workspace when that helps. */
export function setName(set: SetSummary): string {
  return path.basename(set.root);
}

export function setLocation(set: SetSummary): string {
  return vscode.workspace.asRelativePath(set.root, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
}
