import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Finding, Fix } from "../../server/src/core/model/findings";
import { MigrationWorkspace } from "../../server/src/core/analysis/workspace";
import { NodeFileHost } from "../../server/src/node/nodeFileHost";
import { loadSqlJudge } from "../../server/src/node/databaseParsers";

/** A fixture copied to a temporary folder, so fixes can be applied to it. */
export function copyFixture(fixture: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-fix-"));
  fs.cpSync(path.resolve("test", "fixtures", fixture), root, { recursive: true });
  return root;
}

/** The findings of the project as the CLI would report them. */
export async function analyzeFolder(root: string): Promise<readonly Finding[]> {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [root], { now: () => new Date(2025, 0, 1), sqlJudge: await loadSqlJudge() });
  workspace.discover();
  return workspace.analyze().findings;
}

/** Applies a fix's edits to the files (later edits first, so earlier positions hold). */
export function applyFix(fix: Fix): void {
  const byFile = new Map<string, Fix["edits"][number][]>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) {
    let text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const offset = (line: number, character: number): number => text.split("\n").slice(0, line).reduce((n, l) => n + l.length + 1, 0) + character;
    for (const edit of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
      text = text.slice(0, offset(edit.range.start.line, edit.range.start.character)) + edit.newText + text.slice(offset(edit.range.end.line, edit.range.end.character));
    }
    fs.writeFileSync(file, text);
  }
}

/** The SQL Debian's Alembic 1.8 writes offline (`alembic <command> <range> --sql`) for the project's env.py; throws when Alembic refuses. */
export function alembicSql(root: string, command: "upgrade" | "downgrade", range: string): string {
  const result = spawnSync("/usr/bin/python3", ["-m", "alembic", command, range, "--sql"], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`alembic ${command} ${range} --sql failed: ${result.stderr}`);
  return result.stdout;
}

/** Runs a script on PostgreSQL: undefined when it succeeds, else its SQLSTATE (its transaction rolled back). */
export async function errorCode(db: PGlite, sql: string): Promise<string | undefined> {
  try {
    await db.exec(sql);
    return undefined;
  } catch (error) {
    await db.exec("ROLLBACK");
    return (error as { code?: string }).code;
  }
}
