// Prints one section of the benchmark as a plain-text table (a title, a header row, aligned
// columns), so every section reads the same and a README table can be copied from it.

export interface Table {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** One line each under the table: how the figures were taken, what was skipped and why. */
  readonly notes?: readonly string[];
}

export function printTable(table: Table): void {
  const widths = table.header.map((h, i) => Math.max(h.length, ...table.rows.map((r) => (r[i] ?? "").length)));
  // The first column is a label (left-aligned); the others are figures (right-aligned).
  const line = (cells: readonly string[]): string =>
    "  " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  console.log(`\n${table.title}`);
  console.log(line(table.header));
  console.log("  " + widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of table.rows) console.log(line(row));
  for (const note of table.notes ?? []) console.log(`  · ${note}`);
}
