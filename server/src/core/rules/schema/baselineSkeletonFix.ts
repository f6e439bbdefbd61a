import * as path from "node:path";
import type { AnalyzedSet } from "../../analysis/analyzedSet";
import type { FileHost } from "../../host";
import type { Fix } from "../../model/findings";
import { FILE_START } from "../../model/positions";
import type { NeverCreatedTable } from "../../schema/neverCreated";
import type { SqlDialect } from "../../schema/sqlContract";
import { addSettingEdit, configTarget } from "./configFileEdits";
import { declareExternalFix } from "./externalTableFix";
import { displayName } from "../../schema/schemaState";

const BASELINE_FILE = "migration-lens-baseline.sql";

/**
 * Writes a baseline skeleton (a CREATE TABLE per table the history uses but never creates, with
 * the columns the history uses before adding them) beside the configuration, and points
 * `baseline` at it. A table none of whose columns the history uses is declared external instead:
 * SQL has no table without columns to say "its columns are not known". None when a baseline is
 * configured already, its file exists, or no table has a known column.
 */
export function baselineSkeletonFix(set: AnalyzedSet, tables: readonly NeverCreatedTable[], host: FileHost | undefined, roots: readonly string[] | undefined): Fix | undefined {
  const described = tables.filter((t) => t.columns.size > 0);
  if (set.settings.baseline || described.length === 0) return undefined;
  const target = configTarget(set, host, roots);
  const file = path.join(path.dirname(target.file), BASELINE_FILE);
  if (host?.readFile(file) !== undefined) return undefined;
  const external = tables.filter((t) => t.columns.size === 0).map((t) => displayName(t.name));
  const setting = `baseline = ${JSON.stringify(BASELINE_FILE)}`;
  const configEdits =
    target.text === undefined && external.length > 0
      ? [addSettingEdit(target, `${setting}\nexternal-tables = [${external.map((n) => JSON.stringify(n)).join(", ")}]`)]
      : [addSettingEdit(target, setting), ...(external.length > 0 ? declareExternalFix(set, external, host, roots).edits : [])];
  return {
    title: `Write a baseline skeleton of these tables (${BASELINE_FILE}) and configure it`,
    edits: [{ file, range: FILE_START, newText: baselineSkeleton(described, external, set.settings.dialect), createFile: true }, ...configEdits],
  };
}

/** The skeleton's SQL: a starting point to complete from the real schema, not the schema itself. */
export function baselineSkeleton(tables: readonly NeverCreatedTable[], external: readonly string[], dialect: SqlDialect): string {
  const out = [
    "-- The schema this migration history starts from: tables its migrations use but never create",
    "-- (made by metadata.create_all(), a dump, another tool…). Written by Migration Lens as a skeleton:",
    "-- the columns are those the migrations use before adding them. Complete each table, and every",
    "-- type marked 'not known', from the real schema before relying on it.",
    ...(external.length > 0 ? [`-- Declared external instead (no column of theirs is used before a migration adds it): ${external.join(", ")}.`] : []),
    "",
  ];
  for (const table of tables) {
    const columns = [...table.columns].map(([name, type]) => `  ${quote(name, dialect)} ${type ?? "text"}${type ? "" : " -- type not known"}`);
    const name = table.name.schema ? `${quote(table.name.schema, dialect)}.${quote(table.name.name, dialect)}` : quote(table.name.name, dialect);
    // A trailing comment must not swallow the separating comma: commas go before comments.
    const body = columns.map((c, i) => (i < columns.length - 1 ? withComma(c) : c)).join("\n");
    out.push(`CREATE TABLE ${name} (\n${body}\n);`, "");
  }
  return out.join("\n");
}

function withComma(column: string): string {
  const comment = column.indexOf(" --");
  return comment < 0 ? `${column},` : `${column.slice(0, comment)},${column.slice(comment)}`;
}

function quote(name: string, dialect: SqlDialect): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name)) return name;
  return dialect === "mysql" ? `\`${name.replace(/`/g, "``")}\`` : `"${name.replace(/"/g, '""')}"`;
}
