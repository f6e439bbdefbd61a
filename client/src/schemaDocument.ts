import * as vscode from "vscode";
import { ResponseError } from "vscode-languageclient/node";
import { SchemaAtRequest } from "../../server/src/protocol";
import type { ExtensionContext } from "./context";

export const SCHEMA_SCHEME = "migration-lens-schema";

/** A failure to replay the schema, worded for a person. */
export class SchemaUnavailableError extends Error {}

/**
 * Read-only `migration-lens-schema:` documents: the schema of a set at a revision, as SQL DDL that
 * the server replays from the migration files (SchemaAtRequest). Open ones refresh after each analysis.
 */
export class SchemaDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly texts = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChange = this.emitter.event;

  constructor(private readonly ctx: ExtensionContext) {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(SCHEMA_SCHEME, this),
      ctx.onDidChangeAnalysis(() => void this.refreshOpen()),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === SCHEMA_SCHEME) this.texts.delete(d.uri.toString());
      }),
    ];
  }

  static uri(root: string, setLabel: string, revision: string): vscode.Uri {
    const query = new URLSearchParams({ root, revision }).toString();
    return vscode.Uri.from({ scheme: SCHEMA_SCHEME, path: `/${setLabel}/${revision}.sql`, query });
  }

  /** Replays the schema now; throws SchemaUnavailableError with a message to show. */
  async load(uri: vscode.Uri): Promise<string> {
    const { root, revision } = params(uri);
    let ddl: string;
    try {
      ddl = (await this.ctx.request(SchemaAtRequest, { root, revision })).ddl;
    } catch (error) {
      throw new SchemaUnavailableError(describe(error, revision));
    }
    const text = `${ddl.trimEnd()}\n`;
    this.texts.set(uri.toString(), text);
    return text;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const cached = this.texts.get(uri.toString());
    if (cached !== undefined) return cached;
    try {
      return await this.load(uri);
    } catch (error) {
      return `-- ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.emitter.dispose();
  }

  private async refreshOpen(): Promise<void> {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme !== SCHEMA_SCHEME) continue;
      try {
        await this.load(document.uri);
      } catch {
        continue; // keep the last good text
      }
      this.emitter.fire(document.uri);
    }
  }
}

function params(uri: vscode.Uri): { root: string; revision: string } {
  const query = new URLSearchParams(uri.query);
  return { root: query.get("root") ?? "", revision: query.get("revision") ?? "" };
}

function describe(error: unknown, revision: string): string {
  // -32601: MethodNotFound, a server without schema replay.
  if (error instanceof ResponseError && error.code === -32601) {
    return "Schema replay is not available in this version of the Migration Lens server (it does not answer migrationLens/schemaAt yet).";
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Migration Lens could not replay the schema at ${revision}: ${message}`;
}
