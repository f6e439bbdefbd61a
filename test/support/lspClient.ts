import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import type { Diagnostic, PublishDiagnosticsParams } from "vscode-languageserver-protocol";

const SERVER = path.resolve("dist", "server.js");
const WAIT_LIMIT_MS = 20_000;

/** The bundled server started over stdio, with the diagnostics it has published so far. */
export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every file that was ever published with diagnostics, in order. */
  readonly everPublished: string[] = [];
  private readonly waiters = new Set<() => void>();
  private constructor(
    readonly connection: MessageConnection,
    private readonly process: ChildProcess,
  ) {
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      if (params.diagnostics.length > 0) this.everPublished.push(params.uri);
      for (const wake of [...this.waiters]) wake();
    });
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("workspace/configuration", () => []);
    connection.onRequest("workspace/workspaceFolders", () => null);
  }

  static async start(rootFolder: string, env: NodeJS.ProcessEnv = process.env): Promise<LspClient> {
    if (!fs.existsSync(SERVER)) spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
    const child = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "inherit"], env });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(connection, child);
    connection.listen();
    const uri = `file://${rootFolder}`;
    await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: "test" }],
      capabilities: { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ["create"] } } },
    });
    await connection.sendNotification("initialized", {});
    return client;
  }

  /** Resolves once the published diagnostics satisfy the condition; fails after a deadline. */
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
