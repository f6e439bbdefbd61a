import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Fix } from "../../server/src/core/model/findings";
import { LineIndex } from "../../server/src/core/text/lineIndex";

/** Debian's Alembic (1.8), which CI installs: tests that need it are skipped where it is missing. */
const PYTHON = "/usr/bin/python3";
export const hasAlembic = spawnSync(PYTHON, ["-c", "import alembic"], { cwd: "/" }).status === 0;

/**
 * A temporary Alembic project made by `alembic init` (its env.py and script.py.mako), pointed at
 * PostgreSQL for offline (`--sql`) runs; its versions folder is emptied for the test's revisions.
 */
export function alembicProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-alembic-"));
  const init = alembic(root, ["init", "alembic"]);
  if (init.status !== 0) throw new Error(init.stderr);
  const ini = path.join(root, "alembic.ini");
  fs.writeFileSync(ini, fs.readFileSync(ini, "utf8").replace(/^sqlalchemy\.url = .*$/m, "sqlalchemy.url = postgresql://"));
  return root;
}

/** Runs `python3 -m alembic <args>` in the project. */
export function alembic(root: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(PYTHON, ["-m", "alembic", ...args], { cwd: root, encoding: "utf8" });
}

/** Writes fixes' edits to disk exactly as they are described (bottom-up, so earlier ranges hold). */
export function applyFixes(...fixes: Fix[]): void {
  const byFile = new Map<string, Fix["edits"][number][]>();
  for (const edit of fixes.flatMap((f) => f.edits)) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) {
    let text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const lines = new LineIndex(text);
    const spans = edits.map((e) => ({ from: lines.offset(e.range.start), to: lines.offset(e.range.end), text: e.newText }));
    for (const span of spans.sort((a, b) => b.from - a.from)) text = text.slice(0, span.from) + span.text + text.slice(span.to);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}
