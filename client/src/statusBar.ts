import * as vscode from "vscode";
import type { ExtensionContext } from "./context";
import { count } from "./count";
import type { ProblemCounts } from "../../server/src/protocol";
import { problemTotal, sumProblems } from "./problemCounts";
import { setName, type SetsModel } from "./sets";

/**
 * `$(git-merge) 2 heads $(error) 1` — heads and problems of every set, the problems counted as
 * the Problems panel counts them; warning colours when a branch has more than one head or there
 * are errors. Clicking opens the revision graph.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("migrationLens.status", vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly ctx: ExtensionContext,
    private readonly model: SetsModel,
  ) {
    this.item.name = "Migration Lens";
    this.subscriptions = [model.onDidChange(() => this.update()), ctx.onDidChangeState(() => this.update())];
    this.update();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.item.dispose();
  }

  private update(): void {
    const item = this.item;
    if (this.ctx.state !== "running") {
      const starting = this.ctx.state === "starting";
      item.text = starting ? "$(sync~spin) Migration Lens" : "$(circle-slash) Migration Lens";
      item.tooltip = starting ? "Migration Lens: starting the language server…" : "Migration Lens: the language server is not running. Click to restart it.";
      item.command = starting ? undefined : "migrationLens.restartServer";
      item.backgroundColor = starting ? undefined : new vscode.ThemeColor("statusBarItem.errorBackground");
      item.show();
      return;
    }
    const sets = this.model.sets;
    if (!this.model.loaded || sets.length === 0) {
      item.hide();
      return;
    }
    const heads = sets.reduce((n, s) => n + s.heads.length, 0);
    // The server's totals (a file two sets share counted once); the sets' own until the first arrives.
    const problems: ProblemCounts = this.model.summary ?? sumProblems(sets.map((s) => s.problems));
    const { errors, warnings, infos } = problems;
    const competing = sets.flatMap((s) => s.competingHeads.map((group) => ({ set: s, group })));

    let text = `$(git-merge) ${count(heads, "head")}`;
    if (errors) text += ` $(error) ${errors}`;
    if (warnings) text += ` $(warning) ${warnings}`;
    const added = this.model.summary?.newMigrations ?? 0;
    if (added) text += ` $(git-branch) +${added}`;
    if (infos) text += ` $(info) ${infos}`;
    item.text = text;
    item.backgroundColor = competing.length || errors ? new vscode.ThemeColor("statusBarItem.warningBackground") : undefined;
    item.command = { command: "migrationLens.showGraph", title: "Show Revision Graph" };

    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown("**Migration Lens**\n\n");
    for (const set of sets) {
      tip.appendMarkdown(`$(database) \`${setName(set)}\` — ${count(set.revisions.length, "revision")}, ${count(set.heads.length, "head")}: ${set.heads.map((h) => `\`${h}\``).join(", ") || "none"}\n\n`);
    }
    for (const { set, group } of competing) {
      tip.appendMarkdown(`$(error) \`${setName(set)}\` has ${group.length} heads on one branch (${group.map((h) => `\`${h}\``).join(", ")}): \`alembic upgrade head\` fails until they are merged.\n\n`);
    }
    tip.appendMarkdown(`$(error) ${count(errors, "error")}, $(warning) ${count(warnings, "warning")}, $(info) ${count(infos, "info")}: ${count(problemTotal(problems), "problem")} in the Problems panel\n\n`);
    for (const line of this.model.summary?.scope ?? []) tip.appendMarkdown(`$(git-branch) ${line}\n\n`);
    tip.appendMarkdown("Click to show the revision graph.");
    item.tooltip = tip;
    item.show();
  }
}
