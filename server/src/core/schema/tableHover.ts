import * as path from "node:path";
import type { AnalysisResult } from "../analysis/analyzeSets";
import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Position, Range } from "../model/positions";
import { comparePositions } from "../model/positions";
import type { Operation, QualifiedName } from "./operations";
import { schemaAt } from "./schemaAt";
import { displayName, type Provenance, type TableState } from "./schemaState";

/** The table named by the operation under the cursor, as the replay leaves it right after that operation. */
export function tableHoverAt(result: AnalysisResult, file: string, position: Position): { markdown: string; range: Range } | undefined {
  for (const set of result.sets) {
    const revisionFile = set.files.find((f) => f.path === file);
    const revision = revisionFile?.revision?.id;
    if (!revisionFile || !revision) continue;
    const op = revisionFile.upgrade?.operations.find((o) => o.nameRange && contains(o.nameRange, position));
    const name = op && tableOf(op);
    if (!op || !name || !op.nameRange) continue;
    const after = schemaAt(set, revision, op.range.end).table(name);
    const table = after ?? schemaAt(set, revision, op.range.start).table(name);
    const heading = after ? "after this statement" : "just before this statement (it no longer exists after it)";
    const markdown = table ? describeTable(set, table, heading) : `**${displayName(name)}** does not exist at this point of the history.`;
    return { markdown, range: op.nameRange };
  }
  return undefined;
}

function tableOf(op: Operation): QualifiedName | undefined {
  return "table" in op && op.table ? op.table : undefined;
}

function contains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

function describeTable(set: AnalyzedSet, table: TableState, heading: string): string {
  // Tables made outside the migrations (declared, another set's, a tool's) have no file to point at.
  const where = (p: Provenance): string => (p.revision === "external" ? "declared external" : p.file === "" ? p.revision : `\`${p.revision}\` (${path.relative(set.spec.root, p.file) || path.basename(p.file)}:${p.range.start.line + 1})`);
  const lines = [`**${displayName(table.name)}** — ${heading}`, ""];
  if (table.providedBy !== undefined && table.columns.size === 0) {
    lines.push(`Made by ${table.providedBy}, not by the migrations; its columns are not modelled.`);
    return lines.join("\n");
  }
  if (table.external && table.columns.size === 0) {
    lines.push("Declared external: created outside the migrations; its columns are not known.");
    return lines.join("\n");
  }
  lines.push("| column | type | null | default |", "|---|---|---|---|");
  for (const c of table.columns.values()) lines.push(`| ${c.name} | ${c.type ?? "?"} | ${c.nullable ? "yes" : "NOT NULL"} | ${c.default ?? ""} |`);
  if (!table.columnsKnown) lines.push("", "Only the columns the migrations add are listed: its others are not known.");
  if (table.indexes.length > 0) {
    lines.push("", `Indexes: ${table.indexes.map((i) => `${i.unique ? "unique " : ""}${i.name ?? "(unnamed)"} (${i.columns.join(", ")})`).join("; ")}`);
  }
  const constraints = table.constraints.filter((c) => c.kind !== "check" || c.expression);
  if (constraints.length > 0) {
    lines.push("", `Constraints: ${constraints.map((c) => `${c.kind.replace("_", " ")}${c.name ? ` ${c.name}` : ""} (${c.columns.join(", ")})${c.references ? ` → ${displayName(c.references.table)}` : ""}${c.notValid ? " NOT VALID" : ""}`).join("; ")}`);
  }
  lines.push("", `Created by ${where(table.created)}; last changed by ${where(table.changed)}.`);
  return lines.join("\n");
}
