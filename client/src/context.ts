import * as vscode from "vscode";
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type RequestType,
  type ServerOptions,
} from "vscode-languageclient/node";
import { AnalysisChangedNotification, VerifyProgressNotification, type AnalysisSummary, type InitializationOptions, type VerifyProgress } from "../../server/src/protocol";
import { CONFIG_SECTION } from "./config";

export type ServerState = "starting" | "running" | "stopped";

/** Thrown by `request` while the server is not running; commands turn it into a message. */
export class ServerNotRunningError extends Error {
  constructor() {
    super("The Migration Lens server is not running.");
  }
}

/**
 * Owns the language client; everything else in the extension reaches the server through it:
 * requests go through `request`, and views listen to `onDidChangeState` and `onDidChangeAnalysis`.
 */
export class ExtensionContext implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private currentState: ServerState = "stopped";
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  private readonly analysisEmitter = new vscode.EventEmitter<AnalysisSummary>();
  private readonly verifyEmitter = new vscode.EventEmitter<VerifyProgress>();
  private readonly clientSubscriptions: vscode.Disposable[] = [];
  /** Fires when the server starts, stops or is restarting. */
  readonly onDidChangeState = this.stateEmitter.event;
  /** Fires after every analysis the server runs. */
  readonly onDidChangeAnalysis = this.analysisEmitter.event;
  /** Fires as a verification on PostgreSQL runs. */
  readonly onVerifyProgress = this.verifyEmitter.event;

  constructor(readonly extension: vscode.ExtensionContext) {}

  get state(): ServerState {
    return this.currentState;
  }

  async start(): Promise<void> {
    const module = this.extension.asAbsolutePath("dist/server.js");
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6010"] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: "file", language: "python" },
        { scheme: "file", pattern: "**/alembic.ini" },
        // SQL migrations and the configuration are analysed as they are typed, too.
        { scheme: "file", pattern: "**/*.sql" },
        { scheme: "file", pattern: "**/.migration-lens.toml" },
        { scheme: "file", pattern: "**/pyproject.toml" },
      ],
      // Readings of files kept between sessions, outside the workspace.
      initializationOptions: { cacheFolder: vscode.Uri.joinPath(this.extension.globalStorageUri, "parse-cache").fsPath } satisfies InitializationOptions,
      synchronize: {
        // migrationLens.* settings reach the server as workspace/didChangeConfiguration.
        configurationSection: CONFIG_SECTION,
        // Files changed on disk: the server registers its file watchers itself (dynamic registration).
      },
    };
    const client = new LanguageClient("migrationLens", "Migration Lens", serverOptions, clientOptions);
    this.client = client;
    this.clientSubscriptions.push(
      client.onDidChangeState((e) => {
        if (this.client !== client) return;
        this.setState(e.newState === State.Running ? "running" : e.newState === State.Starting ? "starting" : "stopped");
      }),
      client.onNotification(AnalysisChangedNotification, (summary) => {
        if (this.client === client) this.analysisEmitter.fire(summary);
      }),
      client.onNotification(VerifyProgressNotification, (progress) => {
        if (this.client === client) this.verifyEmitter.fire(progress);
      }),
    );
    this.setState("starting");
    try {
      await client.start();
    } catch (error) {
      this.setState("stopped");
      throw error;
    }
    this.setState(client.isRunning() ? "running" : "stopped");
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const d of this.clientSubscriptions.splice(0)) d.dispose();
    this.setState("stopped");
    if (client?.isRunning()) await client.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Sends a custom request; throws ServerNotRunningError while the server is down. */
  async request<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R> {
    const client = this.client;
    if (!client || !client.isRunning()) throw new ServerNotRunningError();
    return client.sendRequest(type, params, token);
  }

  dispose(): void {
    void this.stop();
    this.stateEmitter.dispose();
    this.analysisEmitter.dispose();
    this.verifyEmitter.dispose();
  }

  private setState(state: ServerState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    void vscode.commands.executeCommand("setContext", "migrationLens.state", state);
    this.stateEmitter.fire(state);
  }
}
