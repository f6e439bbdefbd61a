import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import type { AnalysisResult } from "../../../server/src/core/analysis/analyzeSets";
import type { Position } from "../../../server/src/core/model/positions";
import { NodeFileHost } from "../../../server/src/node/nodeFileHost";

/** A migration project written from inline files into a temporary folder, then analysed. */
export class Project {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-nav-"));
  result!: AnalysisResult;

  constructor(files: Record<string, string>) {
    for (const [name, text] of Object.entries(files)) this.write(name, text);
    this.analyze();
  }

  write(name: string, text: string): void {
    fs.mkdirSync(path.dirname(this.path(name)), { recursive: true });
    fs.writeFileSync(this.path(name), text);
  }

  analyze(): AnalysisResult {
    const workspace = new MigrationWorkspace(new NodeFileHost(), [this.root]);
    workspace.discover();
    this.result = workspace.analyze();
    return this.result;
  }

  path(name: string): string {
    return path.join(this.root, name);
  }

  /** Where `needle` first occurs in the file, moved `delta` characters right. */
  at(name: string, needle: string, delta = 0): Position {
    const lines = fs.readFileSync(this.path(name), "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes(needle));
    if (line < 0) throw new Error(`${needle} not in ${name}`);
    return { line, character: (lines[line] as string).indexOf(needle) + delta };
  }

  text(name: string): string {
    return fs.readFileSync(this.path(name), "utf8");
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** A revision file in Alembic's generic layout. */
export function revision(id: string, down: string | readonly string[] | null, options: { message?: string; date?: string; labels?: string; dependsOn?: string; body?: string } = {}): string {
  const downs = down === null ? [] : typeof down === "string" ? [down] : down;
  const literal = downs.length === 0 ? "None" : downs.length === 1 ? `"${downs[0]}"` : `(${downs.map((d) => `"${d}"`).join(", ")})`;
  return `"""${options.message ?? `revision ${id}`}

Revision ID: ${id}
Revises: ${downs.join(", ")}
Create Date: ${options.date ?? "2024-01-01 10:00:00.000000"}

"""
from alembic import op
import sqlalchemy as sa

revision = "${id}"
down_revision = ${literal}
branch_labels = ${options.labels ?? "None"}
depends_on = ${options.dependsOn ?? "None"}


def upgrade() -> None:
${options.body ?? "    pass"}


def downgrade() -> None:
    pass
`;
}

export const INI = "[alembic]\nscript_location = %(here)s/alembic\n";
