import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import { ErrorCodes, ResponseError } from "vscode-jsonrpc";
import type { ClientCapabilities, Diagnostic, InitializeParams, LogMessageParams, PublishDiagnosticsParams } from "vscode-languageserver-protocol";

const SERVER = path.resolve("dist", "server.js");
const WAIT_LIMIT_MS = 20_000;

/** What the tests' client says it can do unless a test says otherwise: workspace edits with file creation, CodeAction literals. */
export const CAPABILITIES: ClientCapabilities = {
  workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ["create"] } },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix"] } } } },
};

/** How a test's client presents itself: by default workspace folders and the capabilities above. */
export interface ClientOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** The command line after node: by default the bundled server with --stdio. */
  readonly args?: readonly string[];
  /** Replaces the initialize parameters' root fields and capabilities. */
  readonly initialize?: (root: string) => Partial<InitializeParams>;
  /** Answers the server's requests by method; a request without an answer here is recorded in `unanswered`. */
  readonly answers?: Readonly<Record<string, (params: unknown) => unknown>>;
}

export const DEFAULT_ANSWERS: Readonly<Record<string, (params: unknown) => unknown>> = {
  "client/registerCapability": () => null,
  "workspace/configuration": () => [],
  "workspace/workspaceFolders": () => null,
};

/** The bundled server started over stdio, with the diagnostics it has published so far. */
export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every file that was ever published with diagnostics, in order. */
  readonly everPublished: string[] = [];
  /** What the server logged (window/logMessage), in order. */
  readonly logs: LogMessageParams[] = [];
  /** Requests from the server, in order, by method. */
  readonly requests: { method: string; params: unknown }[] = [];
  /** Requests from the server this client does not answer (each got an error back). */
  readonly unanswered: string[] = [];
  private readonly waiters = new Set<() => void>();
  private constructor(
    readonly connection: MessageConnection,
    private readonly process: ChildProcess,
    answers: Readonly<Record<string, (params: unknown) => unknown>>,
  ) {
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      if (params.diagnostics.length > 0) this.everPublished.push(params.uri);
      this.wake();
    });
    connection.onNotification("window/logMessage", (params: LogMessageParams) => this.logs.push(params));
    connection.onRequest((method: string, params: unknown) => {
      this.requests.push({ method, params });
      this.wake();
      const answer = answers[method];
      if (answer) return answer(params);
      this.unanswered.push(method);
      return new ResponseError(ErrorCodes.MethodNotFound, `the test client does not answer ${method}`);
    });
  }

  static async start(rootFolder: string, options: ClientOptions = {}): Promise<LspClient> {
    if (!fs.existsSync(SERVER)) spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
    const child = spawn(process.execPath, options.args ?? [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "inherit"], env: options.env ?? process.env });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(connection, child, options.answers ?? DEFAULT_ANSWERS);
    connection.listen();
    const uri = `file://${rootFolder}`;
    await connection.sendRequest("initialize", {
      processId: process.pid,
      ...(options.initialize?.(rootFolder) ?? { rootUri: uri, workspaceFolders: [{ uri, name: "test" }], capabilities: CAPABILITIES }),
    });
    await connection.sendNotification("initialized", {});
    return client;
  }

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves once the condition holds (checked on each diagnostics or request from the server); fails after a deadline. */
  waitFor(description: string, condition: () => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return;
        clearTimeout(deadline);
        this.waiters.delete(check);
        resolve();
      };
      const deadline = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${description}; published: ${JSON.stringify([...this.diagnostics].map(([u, d]) => [u, d.map((x) => x.code)]))}`));
      }, WAIT_LIMIT_MS);
      this.waiters.add(check);
      check();
    });
  }

  codes(file: string): string[] {
    return (this.diagnostics.get(`file://${file}`) ?? []).map((d) => String(d.code));
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    this.connection.dispose();
    if (this.process.exitCode === null) await new Promise((resolve) => this.process.once("exit", resolve));
  }

  get alive(): boolean {
    return this.process.exitCode === null;
  }
}
