/* GitHub-flavoured markdown from plain text: escaping for text, code spans and table cells. */
import type { Part, Phrase } from "../core/notes/operationSummary";

/** A table row: `|` escaped in every cell (GitHub splits cells on it even inside code spans), lines joined. */
export function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\r?\n/g, " ").replace(/\|/g, "\\|")).join(" | ")} |`;
}

export function phrase(p: Phrase): string {
  return p.map((part: Part) => (typeof part === "string" ? text(part) : code(part.code))).join("");
}

/** Plain text with markdown's and HTML's special characters escaped (`|` is escaped per cell). */
export function text(s: string): string {
  return s.replace(/[\\`*_[\]<>#~]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : `\\${c}`));
}

/** A code span long enough to hold the backticks inside it, padded when it starts or ends with one. */
export function code(s: string): string {
  const runs = s.match(/`+/g) ?? [];
  const fence = "`".repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
  return `${fence}${pad}${s}${pad}${fence}`;
}
