import * as fs from "node:fs";
import * as path from "node:path";

/** A fix as the CLI's JSON prints it: 1-based lines, 1-based UTF-16 columns, paths relative to the run's folder. */
export interface JsonEdit {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly newText: string;
  readonly createFile?: boolean;
}

export interface JsonFix {
  readonly title: string;
  readonly edits: readonly JsonEdit[];
  readonly renames?: readonly { readonly from: string; readonly to: string }[];
}

/**
 * Applies a fix the way a tool reading the JSON would, knowing nothing of the analysis: edits
 * (created files first made empty), later edits in a file before earlier ones so positions hold,
 * then renames. Returns the files it wrote, relative to `root`.
 */
export function applyJsonFix(root: string, fix: JsonFix): string[] {
  const byFile = new Map<string, JsonEdit[]>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) {
    const full = path.join(root, file);
    if (edits.some((e) => e.createFile)) {
      if (fs.existsSync(full)) throw new Error(`${file}: a fix creates a file that already exists`);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, "");
    }
    let text = fs.readFileSync(full, "utf8");
    const sorted = [...edits].sort((a, b) => b.line - a.line || b.column - a.column);
    for (const edit of sorted) {
      const start = offsetOf(text, edit.line, edit.column, file);
      const end = offsetOf(text, edit.endLine, edit.endColumn, file);
      if (end < start) throw new Error(`${file}: an edit ends before it starts`);
      text = text.slice(0, start) + edit.newText + text.slice(end);
    }
    fs.writeFileSync(full, text);
  }
  for (const rename of fix.renames ?? []) {
    const to = path.join(root, rename.to);
    if (fs.existsSync(to)) throw new Error(`${rename.to}: a fix renames onto something that exists`);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(path.join(root, rename.from), to);
  }
  return [...byFile.keys(), ...(fix.renames ?? []).map((r) => r.to)];
}

/** The string offset of a 1-based line and 1-based UTF-16 column (JavaScript strings count UTF-16 units too). */
function offsetOf(text: string, line: number, column: number, file: string): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) throw new Error(`${file}: an edit names line ${line}, past the end`);
    offset = next + 1;
  }
  const lineEnd = text.indexOf("\n", offset);
  const length = (lineEnd < 0 ? text.length : lineEnd) - offset;
  if (column - 1 > length) throw new Error(`${file}:${line}: an edit names column ${column}, past the line's end (${length + 1})`);
  return offset + column - 1;
}
