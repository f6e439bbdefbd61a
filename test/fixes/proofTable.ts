import * as fs from "node:fs";
import * as path from "node:path";

/** What the harness proved about one fix applied in one fixture. */
export interface FixProof {
  readonly fixture: string;
  readonly rule: string;
  readonly title: string;
  readonly alembic: string;
  readonly postgres: string;
}

/** Writes test-output/fix-harness.md: per rule and kind of fix, where it was applied and what held. */
export function writeProofTable(proofs: readonly FixProof[]): void {
  const rows = [...proofs].sort((a, b) => a.rule.localeCompare(b.rule) || a.title.localeCompare(b.title) || a.fixture.localeCompare(b.fixture));
  const lines = ["| rule | fix | fixture | Alembic 1.8 | PostgreSQL (PGlite) |", "|---|---|---|---|---|"];
  for (const p of rows) lines.push(`| \`${p.rule}\` | ${p.title.replace(/\|/g, "\\|")} | ${p.fixture} | ${p.alembic.replace(/\|/g, "\\|")} | ${p.postgres.replace(/\|/g, "\\|")} |`);
  fs.mkdirSync("test-output", { recursive: true });
  fs.writeFileSync(path.join("test-output", "fix-harness.md"), `${lines.join("\n")}\n`);
}
