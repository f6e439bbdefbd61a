import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { SetSummary } from "../../../server/src/protocol";
import { affectsGraph, config } from "../config";
import { openAt } from "../open";
import { count } from "../count";
import { setLocation, setName, type SetsModel } from "../sets";
import { graphHtml, makeNonce } from "./html";
import { layoutGraph, nodeKeyOf, type GraphLayout } from "./layout";
import { renderGraph } from "./render";

/** What media/graph.js sends. */
type FromWebview =
  | { readonly type: "ready" }
  | { readonly type: "open"; readonly key: string }
  | { readonly type: "expand"; readonly key: string }
  | { readonly type: "expandAll" }
  | { readonly type: "collapseAll" }
  | { readonly type: "selectSet"; readonly root: string };

/** What media/graph.js draws. */
export interface RenderMessage {
  readonly type: "render";
  readonly root: string | undefined;
  readonly sets: readonly { readonly root: string; readonly label: string }[];
  readonly title: string;
  readonly kind: string;
  readonly stats: readonly { readonly text: string; readonly tone?: "error" | "warning" | "muted" }[];
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly foldable: number;
  readonly folded: number;
  readonly nodes: number;
  /** A node key to centre on and highlight. */
  readonly reveal?: string;
  /** Shown instead of a graph. */
  readonly empty?: string;
}

/**
 * The revision graph webview: one panel, one set at a time. The layout and the SVG are computed
 * here (layout.ts, render.ts); the page only zooms, pans and reports clicks.
 */
export class GraphPanel implements vscode.Disposable {
  static readonly viewType = "migrationLens.graph";
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private root: string | undefined;
  private reveal: string | undefined;
  private readonly expanded = new Map<string, Set<string>>();
  private readonly expandedAll = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];
  private lastRender: RenderMessage | undefined;

  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly model: SetsModel,
  ) {
    this.subscriptions = [
      model.onDidChange(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((e) => affectsGraph(e) && this.render()),
    ];
  }

  /** What the panel last drew (for tests through the extension's API). */
  get rendered(): RenderMessage | undefined {
    return this.panel ? this.lastRender : undefined;
  }

  /** Opens (or brings forward) the panel on a set, optionally centred on a revision. */
  show(root?: string, revealRevision?: string): void {
    if (root) this.root = root;
    this.reveal = revealRevision;
    if (this.panel) this.panel.reveal(undefined, false);
    else this.create();
    this.render();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.panel?.dispose();
  }

  private create(): void {
    const media = vscode.Uri.joinPath(this.extension.extensionUri, "media");
    const panel = vscode.window.createWebviewPanel(GraphPanel.viewType, "Revision Graph", vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    panel.iconPath = vscode.Uri.joinPath(media, "migrations.svg");
    const webview = panel.webview;
    webview.html = graphHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce((n) => randomBytes(n)),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, "graph.js")).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, "graph.css")).toString(),
    });
    this.ready = false;
    panel.onDidChangeViewState(() => {
      // A hidden webview loses its page; it says "ready" again when shown.
      if (!panel.visible) this.ready = false;
    });
    webview.onDidReceiveMessage((message: FromWebview) => void this.receive(message));
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
      this.ready = false;
    });
    this.panel = panel;
  }

  private async receive(message: FromWebview): Promise<void> {
    const set = this.currentSet();
    switch (message.type) {
      case "ready":
        this.ready = true;
        this.render();
        return;
      case "selectSet":
        this.root = message.root;
        this.reveal = undefined;
        this.render();
        return;
      case "expand":
        if (!set) return;
        this.expandedFor(set.root).add(message.key);
        this.render();
        return;
      case "expandAll":
        if (set) this.expandedAll.add(set.root);
        this.render();
        return;
      case "collapseAll":
        if (set) {
          this.expandedAll.delete(set.root);
          this.expanded.delete(set.root);
        }
        this.render();
        return;
      case "open": {
        if (!set) return;
        const id = message.key.startsWith("ghost:") ? this.referrerOf(set, message.key) : message.key;
        const revision = set.revisions.find((r) => r.id === id);
        if (revision) await openAt(revision.file, revision.line, { viewColumn: vscode.ViewColumn.Beside });
        return;
      }
    }
  }

  private render(): void {
    const panel = this.panel;
    if (!panel) return;
    const set = this.currentSet();
    if (!set) {
      panel.title = "Revision Graph";
      this.post({
        type: "render", root: undefined, sets: [], title: "Revision Graph", kind: "", stats: [], svg: "", width: 0, height: 0,
        foldable: 0, folded: 0, nodes: 0,
        empty: this.model.loaded ? "No migration set in this workspace." : "Waiting for the Migration Lens server…",
      });
      return;
    }
    this.root = set.root;
    let layout = this.layout(set);
    let reveal: string | undefined;
    if (this.reveal) {
      const key = nodeKeyOf(layout, this.reveal);
      if (key?.startsWith("run:")) {
        this.expandedFor(set.root).add(key);
        layout = this.layout(set);
      }
      reveal = nodeKeyOf(layout, this.reveal);
    }
    const { svg, width, height } = renderGraph(layout, { describePath: (f) => vscode.workspace.asRelativePath(f) });
    panel.title = `Revision Graph: ${setName(set)}`;
    const sent = this.post({
      type: "render",
      root: set.root,
      sets: this.model.sets.map((s) => ({ root: s.root, label: `${setName(s)} (${setLocation(s)})` })),
      title: setName(set),
      kind: subtitle(set),
      stats: stats(set, layout),
      svg,
      width,
      height,
      foldable: layout.foldable,
      folded: layout.folded.runs,
      nodes: layout.nodes.length,
      ...(reveal ? { reveal } : {}),
    });
    if (sent) this.reveal = undefined;
  }

  private layout(set: SetSummary): GraphLayout {
    const minRun = config.graphFoldRuns();
    return layoutGraph(set.revisions, {
      expanded: this.expandedFor(set.root),
      expandAll: this.expandedAll.has(set.root) || minRun === 0,
      minRun: minRun || Number.POSITIVE_INFINITY,
    });
  }

  private post(message: RenderMessage): boolean {
    this.lastRender = message;
    if (!this.panel || !this.ready) return false;
    void this.panel.webview.postMessage(message);
    return true;
  }

  private currentSet(): SetSummary | undefined {
    const sets = this.model.sets;
    const active = vscode.window.activeTextEditor?.document.uri;
    return (
      sets.find((s) => s.root === this.root) ??
      (active?.scheme === "file" ? this.model.setOf(active.fsPath) : undefined) ??
      sets[0]
    );
  }

  private expandedFor(root: string): Set<string> {
    let set = this.expanded.get(root);
    if (!set) this.expanded.set(root, (set = new Set()));
    return set;
  }

  private referrerOf(set: SetSummary, ghostKey: string): string | undefined {
    const missing = ghostKey.slice("ghost:".length);
    return set.revisions.find((r) => r.missingParents.includes(missing))?.id;
  }
}

/** `Alembic · alembic.ini`: the kind, and where the set is configured (or found). */
function subtitle(set: SetSummary): string {
  const kind = set.kind.charAt(0).toUpperCase() + set.kind.slice(1);
  return `${kind} · ${set.configFile ? vscode.workspace.asRelativePath(set.configFile) : setLocation(set)}`;
}

function stats(set: SetSummary, layout: GraphLayout): RenderMessage["stats"] {
  const { errors, warnings } = set.problems;
  const broken = set.revisions.reduce((n, r) => n + r.missingParents.length, 0);
  const list: { text: string; tone?: "error" | "warning" | "muted" }[] = [
    { text: count(set.revisions.length, "revision") },
    { text: count(set.heads.length, "head"), ...(set.competingHeads.length ? { tone: "error" as const } : {}) },
  ];
  if (set.bases.length > 1) list.push({ text: count(set.bases.length, "base"), tone: "muted" });
  if (errors) list.push({ text: count(errors, "error"), tone: "error" });
  if (warnings) list.push({ text: count(warnings, "warning"), tone: "warning" });
  if (broken) list.push({ text: count(broken, "broken reference"), tone: "error" });
  if (layout.folded.runs) list.push({ text: `${layout.folded.revisions} folded in ${count(layout.folded.runs, "run")}`, tone: "muted" });
  return list;
}
