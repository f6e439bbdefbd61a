import * as vscode from "vscode";
import type { SetSummary } from "../../server/src/protocol";
import { registerCommands } from "./commands";
import { ExtensionContext } from "./context";
import { GraphPanel, type RenderMessage } from "./graph/panel";
import { viewBadge } from "./problemCounts";
import { SchemaDocuments } from "./schemaDocument";
import { SetsModel } from "./sets";
import { StatusBar } from "./statusBar";
import { RevisionTreeProvider, TREE_VIEW_ID, type TreeNode } from "./views/revisionTree";

/** What the extension exports: read-only views of its state, for tests and other extensions. */
export interface MigrationLensApi {
  /** The sets as last reported by the server. */
  sets(): readonly SetSummary[];
  /** Resolves once the server has reported the sets (after an analysis). */
  refresh(): Promise<void>;
  /** The tree view's items, as VS Code would render them: sets, then each set's revisions. */
  treeItems(): { readonly set: vscode.TreeItem; readonly revisions: readonly vscode.TreeItem[] }[];
  /** What the graph panel last drew, or undefined when it is closed. */
  graph(): RenderMessage | undefined;
}

let context: ExtensionContext | undefined;

export async function activate(extension: vscode.ExtensionContext): Promise<MigrationLensApi> {
  const ctx = new ExtensionContext(extension);
  context = ctx;
  const sets = new SetsModel(ctx);
  const graph = new GraphPanel(extension, sets);
  const schemas = new SchemaDocuments(ctx);
  const tree = new RevisionTreeProvider(sets);
  const treeView = vscode.window.createTreeView<TreeNode>(TREE_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const badge = () => (treeView.badge = viewBadge(sets.summary));
  extension.subscriptions.push(
    ctx,
    sets,
    graph,
    schemas,
    tree,
    treeView,
    sets.onDidChange(badge),
    new StatusBar(ctx, sets),
    ...registerCommands({ ctx, sets, graph, schemas }),
  );
  try {
    await ctx.start();
  } catch (error) {
    void vscode.window.showErrorMessage(`Migration Lens: the language server did not start (${error instanceof Error ? error.message : String(error)}).`, "Restart Server").then(
      (choice) => choice && vscode.commands.executeCommand("migrationLens.restartServer"),
    );
  }
  return {
    sets: () => sets.sets,
    refresh: () => sets.refresh(),
    treeItems: () =>
      tree.getChildren().map((setNode) => ({
        set: tree.getTreeItem(setNode),
        revisions: tree.getChildren(setNode).map((n) => tree.getTreeItem(n)),
      })),
    graph: () => graph.rendered,
  };
}

export async function deactivate(): Promise<void> {
  await context?.stop();
}
