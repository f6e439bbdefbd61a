import * as path from "node:path";
import type { Provenance, SchemaState, TableState } from "./schemaState";
import { displayName } from "./schemaState";

/** The replayed schema as SQL DDL, each object annotated with the revisions that made it. */
export function renderDdl(state: SchemaState, heading: string, relativeTo: string): string {
  const where = (p: Provenance): string => (p.revision === "external" ? "declared external" : p.file === "" ? p.revision : `${p.revision} (${path.relative(relativeTo, p.file) || p.file}:${p.range.start.line + 1})`);
  const out: string[] = [`-- ${heading}`, "-- Replayed by Migration Lens from the migration files; nothing was run.", ""];
  for (const type of [...state.enums.values()].sort((a, b) => displayName(a.name).localeCompare(displayName(b.name)))) {
    out.push(`-- created by ${where(type.created)}`);
    out.push(`CREATE TYPE ${ident(displayName(type.name))} AS ENUM (${type.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")});`, "");
  }
  for (const table of [...state.tables.values()].sort((a, b) => displayName(a.name).localeCompare(displayName(b.name)))) {
    // A tool's or framework's table no migration touched is not part of what the migrations describe.
    if (table.providedBy !== undefined && table.changed.file === "") continue;
    out.push(...renderTable(table, where), "");
  }
  for (const view of [...state.views.values()].sort((a, b) => displayName(a.name).localeCompare(displayName(b.name)))) {
    out.push(`-- view ${ident(displayName(view.name))}, created by ${where(view.created)}`, "");
  }
  return out.join("\n").replace(/\n+$/, "\n");
}

export function renderTable(table: TableState, where: (p: Provenance) => string): string[] {
  const name = ident(displayName(table.name));
  if (table.providedBy !== undefined && table.columns.size === 0) return [`-- ${name}: made by ${table.providedBy}, not by the migrations; its columns are not modelled`];
  if (table.external && table.columns.size === 0) return [`-- ${name}: declared external (created outside migrations); its columns are not known`];
  if (table.assumed && table.columns.size === 0) return [`-- ${name}: used by ${where(table.created)} but never created by a migration; its columns are not known`];
  const lines = [...table.columns.values()].map((c) => {
    const parts = [ident(c.name), c.type ?? "unknown"];
    if (!c.nullable) parts.push("NOT NULL");
    if (c.default !== undefined) parts.push(`DEFAULT ${c.default}`);
    return `  ${parts.join(" ")}`;
  });
  for (const c of table.constraints) {
    const named = c.name ? `CONSTRAINT ${ident(c.name)} ` : "";
    const columns = c.columns.map(ident).join(", ");
    if (c.kind === "primary_key") lines.push(`  ${named}PRIMARY KEY (${columns})`);
    else if (c.kind === "unique") lines.push(`  ${named}UNIQUE (${columns})`);
    else if (c.kind === "check") lines.push(`  ${named}CHECK (${c.expression ?? "…"})${c.notValid ? " NOT VALID" : ""}`);
    else if (c.kind === "foreign_key" && c.references) {
      lines.push(`  ${named}FOREIGN KEY (${columns}) REFERENCES ${ident(displayName(c.references.table))}${c.references.columns.length ? ` (${c.references.columns.map(ident).join(", ")})` : ""}${c.notValid ? " NOT VALID" : ""}`);
    }
  }
  const out = [
    `-- created by ${where(table.created)}${table.changed !== table.created ? `; last changed by ${where(table.changed)}` : ""}`,
    ...(table.columnsKnown ? [] : ["-- only the columns the migrations add are listed: its others are not known"]),
    `CREATE TABLE ${name} (`,
    lines.join(",\n"),
    ");",
  ];
  for (const index of table.indexes) {
    // `detail` holds expressions and/or a partial index's WHERE.
    const detail = index.detail ?? "";
    const where = detail.search(/\bWHERE\b/i);
    const expressions = (where >= 0 ? detail.slice(0, where) : detail).trim();
    const keys = [...index.columns.map(ident), ...(expressions ? [expressions] : [])].join(", ") || "…";
    const predicate = where >= 0 ? ` ${detail.slice(where).trim()}` : "";
    out.push(`CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${index.name ? `${ident(index.name)} ` : ""}ON ${name} (${keys})${predicate};`);
  }
  return out;
}

function ident(name: string): string {
  return /^[a-z_][a-z0-9_$.]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
