import * as vscode from "vscode";
import type { RevisionSummary, SetSummary } from "../../../server/src/protocol";
import { openCommand } from "../open";
import { count } from "../count";
import { setLocation, setName, type SetsModel } from "../sets";
import { markers, revisionRow } from "./revisionRow";

export const TREE_VIEW_ID = "migrationLens.revisions";

/** What the tree shows: a migration set, or one of its revisions. Commands receive these. */
export type TreeNode =
  | { readonly kind: "set"; readonly set: SetSummary }
  | { readonly kind: "revision"; readonly set: SetSummary; readonly revision: RevisionSummary };

/** Each migration set, and under it its revisions newest first, from the server's SetsRequest. */
export class RevisionTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  private readonly subscription: vscode.Disposable;
  private setNodes = new Map<string, TreeNode & { kind: "set" }>();
  private revisionNodes = new Map<string, TreeNode & { kind: "revision" }>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly model: SetsModel) {
    this.subscription = model.onDidChange(() => this.rebuild());
    this.rebuild();
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return [...this.setNodes.values()];
    if (node.kind === "set") return node.set.revisions.map((r) => this.revisionNodes.get(key(node.set.root, r.id))!).filter(Boolean);
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === "revision" ? this.setNodes.get(node.set.root) : undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.kind === "set" ? setItem(node.set) : revisionItem(node.set, node.revision);
  }

  /** The node of a revision, for TreeView.reveal. */
  nodeOf(root: string, id: string): TreeNode | undefined {
    return this.revisionNodes.get(key(root, id));
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  private rebuild(): void {
    this.setNodes = new Map();
    this.revisionNodes = new Map();
    for (const set of this.model.sets) {
      this.setNodes.set(set.root, { kind: "set", set });
      for (const revision of set.revisions) {
        const k = key(set.root, revision.id);
        if (!this.revisionNodes.has(k)) this.revisionNodes.set(k, { kind: "revision", set, revision });
      }
    }
    this.emitter.fire(undefined);
  }
}

const key = (root: string, id: string) => `${root}\u0000${id}`;

function setItem(set: SetSummary): vscode.TreeItem {
  const item = new vscode.TreeItem(setName(set), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `set:${set.root}`;
  const parts = [set.kind, count(set.heads.length, "head")];
  if (set.problems.errors) parts.push(count(set.problems.errors, "error"));
  item.description = parts.join(" · ");
  item.iconPath = new vscode.ThemeIcon("database");
  item.contextValue = set.heads.length > 1 ? "migrationLens.set.multipleHeads" : "migrationLens.set";
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`$(database) **${md(setName(set))}** — ${md(set.kind)} migration set\n\n`);
  tooltip.appendMarkdown(`| | |\n|---|---|\n`);
  tooltip.appendMarkdown(`| Folder | ${code(setLocation(set))} |\n`);
  tooltip.appendMarkdown(`| Revisions | ${set.revisions.length} |\n`);
  if (set.configFile) tooltip.appendMarkdown(`| Config | ${code(vscode.workspace.asRelativePath(set.configFile))} |\n`);
  tooltip.appendMarkdown(`| Heads | ${set.heads.map((h) => code(h)).join(", ") || "none"} |\n`);
  tooltip.appendMarkdown(`| Bases | ${set.bases.map((b) => code(b)).join(", ") || "none"} |\n`);
  item.tooltip = tooltip;
  return item;
}

function revisionItem(set: SetSummary, r: RevisionSummary): vscode.TreeItem {
  const row = revisionRow(r);
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
  item.id = `revision:${set.root}\u0000${r.id}\u0000${r.file}`;
  // The file's problem decorations (colour, count badge) come with its URI.
  item.resourceUri = vscode.Uri.file(r.file);
  item.iconPath = revisionIcon(r);
  item.description = row.description;
  item.tooltip = revisionTooltip(r);
  item.contextValue = "migrationLens.revision";
  item.command = openCommand(r.file, r.line);
  item.accessibilityInformation = { label: `revision ${row.label}, ${row.description}` };
  return item;
}

/** Errors first; then what the revision is in the graph (warnings show as the label's colour and badge). */
function revisionIcon(r: RevisionSummary): vscode.ThemeIcon {
  if (r.errors) return new vscode.ThemeIcon("error", new vscode.ThemeColor("list.errorForeground"));
  if (r.isHead) return new vscode.ThemeIcon("arrow-circle-up", new vscode.ThemeColor(r.warnings ? "list.warningForeground" : "charts.green"));
  if (r.isMergePoint) return new vscode.ThemeIcon("git-merge", new vscode.ThemeColor("charts.purple"));
  if (r.isBranchPoint) return new vscode.ThemeIcon("repo-forked", new vscode.ThemeColor("charts.orange"));
  if (r.isBase) return new vscode.ThemeIcon("debug-start", new vscode.ThemeColor("charts.blue"));
  if (r.warnings) return new vscode.ThemeIcon("warning", new vscode.ThemeColor("list.warningForeground"));
  return new vscode.ThemeIcon("git-commit");
}

function revisionTooltip(r: RevisionSummary): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(undefined, true);
  tip.appendMarkdown(`**${code(r.id)}** ${md(r.message)}\n\n`);
  const marks = markers(r);
  if (marks.length) tip.appendMarkdown(`_${marks.join(" · ")}_\n\n`);
  tip.appendMarkdown(`| | |\n|---|---|\n`);
  if (r.createDate) tip.appendMarkdown(`| Created | ${md(r.createDate)} |\n`);
  tip.appendMarkdown(`| File | ${code(vscode.workspace.asRelativePath(r.file))}:${r.line + 1} |\n`);
  const parents = r.parents.map((p) => (r.missingParents.includes(p) ? `${code(p)} (names nothing)` : code(p)));
  tip.appendMarkdown(`| Parents | ${parents.join(", ") || "none (a base)"} |\n`);
  if (r.children.length) tip.appendMarkdown(`| Children | ${r.children.map((c) => code(c)).join(", ")} |\n`);
  if (r.dependsOn.length) tip.appendMarkdown(`| Depends on | ${r.dependsOn.map((d) => code(d)).join(", ")} |\n`);
  if (r.labels.length) tip.appendMarkdown(`| Branch labels | ${r.labels.map((l) => code(l)).join(", ")} |\n`);
  if (r.errors || r.warnings) tip.appendMarkdown(`| Problems | $(error) ${r.errors} $(warning) ${r.warnings} |\n`);
  return tip;
}

/** Escapes Markdown punctuation (and the table's pipes) in text from revision files. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, "\\$&");
}

/** Inline code in a Markdown table cell. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}
