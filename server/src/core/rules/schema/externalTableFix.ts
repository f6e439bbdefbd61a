import * as path from "node:path";
import type { AnalyzedSet } from "../../analysis/analyzedSet";
import { CONFIG_FILE_NAME } from "../../config/configFile";
import type { FileHost } from "../../host";
import type { Fix } from "../../model/findings";
import { FILE_START } from "../../model/positions";
import { LineIndex } from "../../text/lineIndex";

/**
 * Declares a table external in the project's configuration: adds it to `external-tables` of the
 * config file in use (in its `[tool.migration-lens]` table for pyproject.toml), or creates
 * `.migration-lens.toml` beside the set's alembic.ini.
 */
export function declareExternalFix(set: AnalyzedSet, table: string, host: FileHost | undefined): Fix {
  const title = `Declare '${table}' as an external table (created outside migrations)`;
  const value = JSON.stringify(table);
  const configFile = set.settings.configFile;
  const text = configFile ? host?.readFile(configFile) : undefined;
  if (!configFile || text === undefined) {
    const folder = set.spec.configFile ? path.dirname(set.spec.configFile) : set.spec.root;
    return { title, edits: [{ file: path.join(folder, CONFIG_FILE_NAME), range: FILE_START, newText: `# Migration Lens configuration\nexternal-tables = [${value}]\n`, createFile: true }] };
  }
  const lines = new LineIndex(text);
  const inPyproject = configFile.endsWith("pyproject.toml");
  const table_ = inPyproject ? "tool.migration-lens" : "";
  const insert = (offset: number, newText: string): Fix => {
    const at = lines.position(offset);
    return { title, edits: [{ file: configFile, range: { start: at, end: at }, newText }] };
  };

  // Find the key inside the right table: top level of .migration-lens.toml, [tool.migration-lens] of pyproject.
  let header = "";
  let headerEnd: number | undefined;
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line).trim();
    const table = /^\[([^\]]+)\]/.exec(content);
    if (table) {
      header = (table[1] ?? "").trim();
      if (header === table_) headerEnd = lines.lineStart(line + 1);
      continue;
    }
    if (header !== table_ || !/^external[-_]tables\s*=/.test(content)) continue;
    const open = text.indexOf("[", lines.lineStart(line));
    const close = open < 0 ? -1 : closingBracket(text, open);
    if (close < 0) break;
    let last = close - 1;
    while (last > open && /\s/.test(text[last] ?? "")) last--;
    const previous = text[last];
    const separator = previous === "[" ? "" : previous === "," ? " " : ", ";
    return insert(last + 1, `${separator}${value}`);
  }
  if (!inPyproject) return insert(0, `external-tables = [${value}]\n`);
  if (headerEnd !== undefined) return insert(headerEnd, `external-tables = [${value}]\n`);
  return insert(text.length, `${text.endsWith("\n") ? "" : "\n"}\n[tool.migration-lens]\nexternal-tables = [${value}]\n`);
}

/** The `]` that closes the array opened at `open`, skipping strings and comments. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === "#") {
      const end = text.indexOf("\n", i);
      if (end < 0) return -1;
      i = end;
    } else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return i;
  }
  return -1;
}
