import * as path from "node:path";
import type { AnalysisResult } from "../core/analysis/analyzeSets";
import type { Finding } from "../core/model/findings";
import type { Claim } from "../core/notes/claims";
import type { HeadRef } from "../core/notes/mergeHeads";
import { migrationNotes, type AddedMigration, type SetCompared, type SetNotes } from "../core/notes/migrationNotes";
import { code, phrase, row, text } from "./markdownText";

/** The hidden first line by which the GitHub Action finds its own comment and updates it. */
export const NOTES_MARKER = "<!-- migration-lens-notes -->";

/** A pull-request comment (GitHub-flavoured markdown): what the branch adds, the heads around the merge, the checked claims, the problems. */
export function markdownNotes(result: AnalysisResult, cwd: string): string {
  const rel = (file: string): string => (path.relative(cwd, file) || path.basename(file)).split(path.sep).join("/");
  const notes = migrationNotes(result).sets;
  const lines = [NOTES_MARKER, "## Migration notes", ""];
  const compared = notes.filter((s): s is SetCompared => s.compared);
  if (compared.length > 0 && compared.length === notes.length && compared.every((s) => s.added.length === 0)) {
    const bases = [...new Set(compared.map((s) => s.base))];
    lines.push(`This branch adds no migration since it forked from ${bases.map(code).join(", ")}.`);
    return lines.join("\n") + "\n";
  }
  for (const set of notes) lines.push(...setSection(set, rel, notes.length > 1));
  return lines.join("\n") + "\n";
}

function setSection(notes: SetNotes, rel: (file: string) => string, titled: boolean): string[] {
  const lines = titled ? [`### ${code(rel(notes.set.spec.root))} (${notes.set.spec.kind})`, ""] : [];
  if (!notes.compared) {
    lines.push(`The base could not be read (${text(notes.reason)}): nothing is compared, so no migration is listed as added and no claim is made. The problems below are on every migration.`, "");
    lines.push(...problems(notes.findings, rel));
    return lines;
  }
  const forked = `${code(notes.base)} (forked at ${code(notes.mergeBase.slice(0, 7))})`;
  if (notes.added.length === 0) return [...lines, `Adds no migration since it forked from ${forked}.`, ""];
  lines.push(`Migrations this branch adds since it forked from ${forked}, in the order they run:`, "");
  const columns = ["#", "Migration", "Revision", "Name", "What it does", "Kind", ...(notes.locksModelled ? ["Blocking locks"] : [])];
  lines.push(row(columns), row(columns.map(() => "---")));
  notes.added.forEach((m, i) =>
    lines.push(row([String(i + 1), code(rel(m.file)) + (m.changed ? " (changed)" : ""), code(m.id), text(m.name), phrase(m.summary), kind(m), ...(notes.locksModelled ? [locks(m)] : [])])),
  );
  lines.push(
    "",
    notes.set.spec.sql
      ? `Newest migration on the base: ${heads(notes.heads.before)}. Last to run after the merge: ${heads(notes.heads.after)}.`
      : `Heads before the merge: ${heads(notes.heads.before)}${notes.added.some((m) => m.changed) ? " (reading the migrations this branch changed as it has them)" : ""}. After the merge: ${heads(notes.heads.after)}.`,
    "",
  );
  lines.push(...notes.claims.map(claim), "");
  lines.push(...problems(notes.findings, rel));
  return lines;
}

function kind(m: AddedMigration): string {
  const parts = [m.notAdditive.length > 0 ? `not additive (${[...new Set(m.notAdditive.map((r) => r.rule))].join(", ")})` : m.notUnderstood ? "additive not known" : "additive"];
  if (m.dataChanges) parts.push("data change");
  return parts.join("; ");
}

function locks(m: AddedMigration): string {
  if (m.locks.length === 0) return "—";
  return m.locks
    .map((l) => `line ${l.line}: ${l.lock.mode}${l.table ? ` on ${code(l.table)}` : ""}, blocks ${l.lock.blocks} ${l.lock.during === "brief" ? "briefly" : `during the ${l.lock.during}`}`)
    .join("<br>");
}

function heads(refs: readonly HeadRef[]): string {
  return refs.length === 0 ? "none" : refs.map((h) => code(h.id)).join(", ");
}

function claim(c: Claim): string {
  const because = c.because.map(phrase).join("; ");
  if (c.verdict === "true") return `- ✅ ${c.holds}`;
  if (c.verdict === "false") return `- ❌ ${c.fails.replace(/\.$/, "")}: ${because}.`;
  return `- ❔ Not checked: “${c.holds.replace(/\.$/, "")}”: ${because}.`;
}

function problems(findings: readonly Finding[], rel: (file: string) => string): string[] {
  if (findings.length === 0) return ["No problems found.", ""];
  return [
    "| Severity | Rule | Where | Message |",
    "|---|---|---|---|",
    ...findings.map((f) => row([f.severity, code(f.rule), code(`${rel(f.file)}:${f.range.start.line + 1}`), text(f.message)])),
    "",
  ];
}
