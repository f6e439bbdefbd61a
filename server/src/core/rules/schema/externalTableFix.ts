import * as path from "node:path";
import type { AnalyzedSet } from "../../analysis/analyzedSet";
import { CONFIG_FILE_NAME } from "../../config/configFile";
import type { FileHost } from "../../host";
import type { Fix } from "../../model/findings";
import { FILE_START } from "../../model/positions";

/**
 * Declares a table external in the project's configuration: adds it to `external-tables` of the
 * config file in use, or creates `.migration-lens.toml` beside the set's alembic.ini.
 */
export function declareExternalFix(set: AnalyzedSet, table: string, host: FileHost | undefined): Fix {
  const title = `Declare '${table}' as an external table (created outside migrations)`;
  const configFile = set.settings.configFile;
  const text = configFile ? host?.readFile(configFile) : undefined;
  if (configFile && text !== undefined) {
    const lines = text.split(/\r?\n/);
    const keyLine = lines.findIndex((l) => /^\s*external[-_]tables\s*=/.test(l));
    if (keyLine >= 0) {
      // Insert before the closing bracket of the array (which may span lines).
      for (let line = keyLine; line < lines.length; line++) {
        const close = (lines[line] ?? "").lastIndexOf("]");
        if (close < 0) continue;
        const before = (lines[line] ?? "").slice(0, close).trimEnd();
        const empty = before.endsWith("[");
        const separator = empty ? "" : before.endsWith(",") ? " " : ", ";
        const at = { line, character: close };
        return { title, edits: [{ file: configFile, range: { start: at, end: at }, newText: `${separator}${JSON.stringify(table)}` }] };
      }
    }
    const header = configFile.endsWith("pyproject.toml") ? lines.findIndex((l) => l.trim() === "[tool.migration-lens]") : -1;
    const at = { line: header + 1, character: 0 };
    return { title, edits: [{ file: configFile, range: { start: at, end: at }, newText: `external-tables = [${JSON.stringify(table)}]\n` }] };
  }
  const folder = set.spec.configFile ? path.dirname(set.spec.configFile) : set.spec.root;
  return {
    title,
    edits: [{ file: path.join(folder, CONFIG_FILE_NAME), range: FILE_START, newText: `# Migration Lens configuration\nexternal-tables = [${JSON.stringify(table)}]\n`, createFile: true }],
  };
}
