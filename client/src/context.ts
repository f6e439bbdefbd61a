import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

/** Owns the language client; everything else in the extension reaches the server through it. */
export class ExtensionContext {
  private client: LanguageClient | undefined;

  constructor(readonly extension: vscode.ExtensionContext) {}

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
      ],
      synchronize: {
        // The server re-reads revision files and re-discovers sets when these change on disk.
        fileEvents: [
          vscode.workspace.createFileSystemWatcher("**/*.py"),
          vscode.workspace.createFileSystemWatcher("**/*.ini"),
          vscode.workspace.createFileSystemWatcher("**/pyproject.toml"),
        ],
      },
    };
    this.client = new LanguageClient("migrationLens", "Migration Lens", serverOptions, clientOptions);
    await this.client.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.isRunning()) await client.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
