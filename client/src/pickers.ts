import * as vscode from "vscode";
import type { RevisionSummary, SetSummary } from "../../server/src/protocol";
import { count } from "./count";
import { setLocation, setName } from "./sets";

/** The questions the commands ask: which set, which head, which revision, what message. */

export async function pickSet(sets: readonly SetSummary[], title: string): Promise<SetSummary | undefined> {
  if (sets.length === 0) {
    void vscode.window.showInformationMessage("Migration Lens found no migration set in this workspace (no alembic.ini, no versions/ folder of revision files).");
    return undefined;
  }
  if (sets.length === 1) return sets[0];
  const items = sets.map((set) => ({
    label: `$(database) ${setName(set)}`,
    description: `${set.kind} · ${setLocation(set)}`,
    detail: `${count(set.revisions.length, "revision")}, ${count(set.heads.length, "head")}: ${set.heads.join(", ") || "none"}`,
    set,
  }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder: "Which migration set?", matchOnDescription: true }))?.set;
}

/** The head to build on: asked only when the set has several. */
export async function pickHead(set: SetSummary, title: string): Promise<string | undefined> {
  if (set.heads.length <= 1) return set.heads[0];
  const items = set.heads.map((id) => {
    const r = set.revisions.find((rev) => rev.id === id);
    return { label: id, description: r?.message, detail: revisionDetail(r), id };
  });
  return (await vscode.window.showQuickPick(items, { title, placeHolder: `${setName(set)} has ${set.heads.length} heads: which one does the new revision follow?`, matchOnDescription: true }))?.id;
}

export async function pickRevision(set: SetSummary, title: string): Promise<RevisionSummary | undefined> {
  const items = set.revisions.map((r) => ({
    label: `${revisionIcon(r)} ${r.id}`,
    description: r.message,
    detail: revisionDetail(r),
    revision: r,
  }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder: "Which revision? (newest first)", matchOnDescription: true, matchOnDetail: true }))?.revision;
}

export function askMessage(title: string, prompt: string, value?: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt,
    placeHolder: "e.g. add an index on users.email",
    value,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? undefined : "A revision needs a message (it becomes the docstring and the file name)."),
  });
}

function revisionDetail(r: RevisionSummary | undefined): string | undefined {
  if (!r) return undefined;
  const parts = [r.createDate ? `created ${r.createDate}` : undefined, r.labels.length ? `branch ${r.labels.join(", ")}` : undefined];
  if (r.parents.length) parts.push(`after ${r.parents.join(", ")}`);
  return parts.filter(Boolean).join(" · ") || undefined;
}

function revisionIcon(r: RevisionSummary): string {
  if (r.errors) return "$(error)";
  if (r.warnings) return "$(warning)";
  if (r.isHead) return "$(arrow-circle-up)";
  if (r.isMergePoint) return "$(git-merge)";
  return "$(git-commit)";
}
