import * as path from "node:path";
import * as vscode from "vscode";
import { CheckAllRequest, NewRevisionRequest, ReportRequest, type SetSummary } from "../../server/src/protocol";
import { ServerNotRunningError, type ExtensionContext } from "./context";
import type { GraphPanel } from "./graph/panel";
import { count } from "./count";
import { problemBreakdown, problemTotal } from "./problemCounts";
import { askMessage, pickHead, pickRevision, pickSet } from "./pickers";
import { SchemaDocuments, SchemaUnavailableError } from "./schemaDocument";
import { setName, type SetsModel } from "./sets";
import type { TreeNode } from "./views/revisionTree";
import { verifyOnPostgres } from "./verify";

/** What commands work with. */
export interface Services {
  readonly ctx: ExtensionContext;
  readonly sets: SetsModel;
  readonly graph: GraphPanel;
  readonly schemas: SchemaDocuments;
}

/** Arguments a caller (another extension, a test) may pass instead of answering the prompts. */
export interface NewRevisionArgs {
  readonly root?: string;
  readonly message?: string;
  readonly parents?: readonly string[];
}

interface Command {
  /** False for the one command that must work while the server is down. */
  readonly needsServer: boolean;
  readonly run: (s: Services) => (...args: unknown[]) => unknown;
}

const server = (run: Command["run"]): Command => ({ needsServer: true, run });

/** Every command, by the id declared in package.json. Tree context menus pass the TreeNode. */
const COMMANDS: Record<string, Command> = {
  "migrationLens.restartServer": {
    needsServer: false,
    run: (s) => async () => {
      await s.ctx.restart();
      void vscode.window.setStatusBarMessage("$(check) Migration Lens server restarted", 3000);
    },
  },

  "migrationLens.newRevision": server((s) => async (arg?: unknown) => {
    const node = asNode(arg);
    const args = node ? {} : ((arg ?? {}) as NewRevisionArgs);
    const set = node ? node.set : args.root ? s.sets.set(args.root) : await pickSet(s.sets.sets, "New Revision");
    if (!set) return undefined;
    const message = args.message ?? (await askMessage(`New Revision in ${setName(set)}`, "Message of the new revision (as in alembic revision -m)"));
    if (!message) return undefined;
    const parents = args.parents ?? (await headsToFollow(set));
    if (!parents) return undefined;
    return createRevision(s, set, message, parents);
  }),

  "migrationLens.newRevisionOnTop": server((s) => async (arg?: unknown) => {
    const node = asNode(arg);
    if (node?.kind !== "revision") return vscode.commands.executeCommand("migrationLens.newRevision", arg);
    const message = await askMessage(`New Revision on Top of ${node.revision.id}`, "Message of the new revision (as in alembic revision -m)");
    if (!message) return undefined;
    return createRevision(s, node.set, message, [node.revision.id]);
  }),

  "migrationLens.mergeHeads": server((s) => async (arg?: unknown) => {
    const node = asNode(arg);
    const all = s.sets.sets;
    const candidates = all.filter((x) => x.heads.length > 1);
    const set = node ? node.set : candidates.length === 0 ? all[0] : await pickSet(candidates, "Merge Heads");
    if (!set) {
      if (all.length === 0) await pickSet(all, "Merge Heads"); // says there is no set
      return undefined;
    }
    if (set.heads.length < 2) {
      const others = all.length > 1 ? " (nor does any other set)" : "";
      void vscode.window.showInformationMessage(
        `Nothing to merge: ${setName(set)} has ${set.heads.length === 1 ? `one head, ${set.heads[0]}` : "no head"}${others}.`,
      );
      return undefined;
    }
    return createRevision(s, set, "merge heads", set.heads);
  }),

  "migrationLens.showGraph": server((s) => (arg?: unknown) => {
    const node = asNode(arg);
    s.graph.show(node?.set.root);
  }),

  "migrationLens.revealInGraph": server((s) => (arg?: unknown) => {
    const node = asNode(arg);
    if (node?.kind === "revision") s.graph.show(node.set.root, node.revision.id);
    else s.graph.show(node?.set.root);
  }),

  "migrationLens.copyRevisionId": {
    needsServer: false,
    run: () => async (arg?: unknown) => {
      const node = asNode(arg);
      if (node?.kind !== "revision") return;
      await vscode.env.clipboard.writeText(node.revision.id);
      void vscode.window.setStatusBarMessage(`$(clippy) Copied ${node.revision.id}`, 2500);
    },
  },

  "migrationLens.showSchema": server((s) => async (arg?: unknown) => {
    const node = asNode(arg);
    const set = node ? node.set : await pickSet(s.sets.sets, "Show Schema at Revision");
    if (!set) return;
    const revision = node?.kind === "revision" ? node.revision : await pickRevision(set, `Show Schema at Revision: ${setName(set)}`);
    if (!revision) return;
    await showSchema(s, set, revision.id);
  }),

  "migrationLens.showSchemaAtRevision": server((s) => async (arg?: unknown) => {
    const node = asNode(arg);
    if (node?.kind === "revision") await showSchema(s, node.set, node.revision.id);
    else await vscode.commands.executeCommand("migrationLens.showSchema");
  }),

  "migrationLens.checkAll": server((s) => async () => {
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: "Migration Lens: checking all migrations" },
      () => s.ctx.request(CheckAllRequest, undefined),
    );
    s.sets.summary = summary;
    await s.sets.refresh();
    const text =
      `Migration Lens checked ${count(summary.sets, "migration set")}, ${count(summary.revisions, "revision")} ` +
      `(${count(summary.heads, "head")}): ${problemBreakdown(summary)}.`;
    const actions = problemTotal(summary) ? ["Show Problems", "Show Graph"] : ["Show Graph"];
    const show = summary.errors ? vscode.window.showErrorMessage : summary.warnings ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const choice = await show(text, ...actions);
    if (choice === "Show Problems") await vscode.commands.executeCommand("workbench.actions.view.problems");
    if (choice === "Show Graph") s.graph.show();
    return summary;
  }),

  "migrationLens.verify": server((s) => async (arg?: unknown) => {
    const node = asNode(arg);
    return verifyOnPostgres(s.ctx, node?.set.root ?? (typeof arg === "string" ? arg : undefined));
  }),

  "migrationLens.exportReport": server((s) => async () => {
    const { markdown } = await s.ctx.request(ReportRequest, undefined);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: "Export Migration Report",
      saveLabel: "Export",
      filters: { Markdown: ["md"] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, "migration-report.md") } : {}),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(markdown, "utf8"));
    const choice = await vscode.window.showInformationMessage(`Migration report written to ${vscode.workspace.asRelativePath(target)}.`, "Open", "Open Preview");
    if (choice === "Open") await vscode.window.showTextDocument(target);
    if (choice === "Open Preview") await vscode.commands.executeCommand("markdown.showPreview", target);
  }),
};

export function registerCommands(s: Services): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, command]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      if (command.needsServer && s.ctx.state !== "running") return serverDown(s);
      try {
        return await command.run(s)(...args);
      } catch (error) {
        if (error instanceof ServerNotRunningError) return serverDown(s);
        void vscode.window.showErrorMessage(`Migration Lens: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    }),
  );
}

async function serverDown(s: Services): Promise<undefined> {
  const message =
    s.ctx.state === "starting"
      ? "The Migration Lens server is still starting; try again in a moment."
      : "The Migration Lens server is not running, so this command cannot run. Restart it, or see the 'Migration Lens' output for why it stopped.";
  const choice = await vscode.window.showWarningMessage(message, ...(s.ctx.state === "stopped" ? ["Restart Server"] : []));
  if (choice === "Restart Server") await vscode.commands.executeCommand("migrationLens.restartServer");
  return undefined;
}

/** The parents of a new revision: the head, or the head chosen among several. */
async function headsToFollow(set: SetSummary): Promise<string[] | undefined> {
  if (set.heads.length === 0) return [];
  const head = await pickHead(set, `New Revision in ${setName(set)}`);
  return head === undefined ? undefined : [head];
}

/**
 * Asks the server for the new file (its template, id and date), creates it with a WorkspaceEdit
 * (so it can be undone), saves it and opens it with the cursor on `revision =`.
 */
async function createRevision(s: Services, set: SetSummary, message: string, parents: readonly string[]): Promise<vscode.Uri | undefined> {
  const result = await s.ctx.request(NewRevisionRequest, { root: set.root, message: message.trim(), parents });
  const uri = vscode.Uri.file(result.file);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false });
  edit.insert(uri, new vscode.Position(0, 0), result.text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Migration Lens could not create ${vscode.workspace.asRelativePath(uri)} (does it exist already?).`);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  await document.save();
  const position = new vscode.Position(result.revisionLine, 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: false });
  void vscode.window.setStatusBarMessage(`$(new-file) Created ${path.basename(result.file)}`, 4000);
  return uri;
}

async function showSchema(s: Services, set: SetSummary, revision: string): Promise<void> {
  const uri = SchemaDocuments.uri(set.root, setName(set), revision);
  try {
    await s.schemas.load(uri);
  } catch (error) {
    if (error instanceof SchemaUnavailableError) {
      void vscode.window.showWarningMessage(error.message);
      return;
    }
    throw error;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, "sql");
  await vscode.window.showTextDocument(document, { preview: true });
}

function asNode(arg: unknown): TreeNode | undefined {
  if (typeof arg !== "object" || arg === null) return undefined;
  const kind = (arg as { kind?: unknown }).kind;
  return (kind === "set" || kind === "revision") && "set" in arg ? (arg as TreeNode) : undefined;
}
