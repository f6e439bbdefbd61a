import type { AnalyzedSet } from "../../analysis/analyzedSet";
import type { FileHost } from "../../host";
import type { Fix } from "../../model/findings";
import { LineIndex } from "../../text/lineIndex";
import { addSettingEdit, configTarget, settingsTableLines } from "./configFileEdits";

/**
 * Declares tables external in the project's configuration: adds them to `external-tables` of the
 * config file in use (in its `[tool.migration-lens]` table for pyproject.toml), or creates
 * `.migration-lens.toml` in the project's root.
 */
export function declareExternalFix(set: AnalyzedSet, tables: string | readonly string[], host: FileHost | undefined, roots?: readonly string[]): Fix {
  const names = typeof tables === "string" ? [tables] : tables;
  const title = names.length === 1 ? `Declare '${names[0]}' as an external table (created outside migrations)` : `Declare these ${names.length} tables as external (created outside migrations)`;
  const values = names.map((n) => JSON.stringify(n)).join(", ");
  const target = configTarget(set, host, roots);
  const text = target.text;
  if (text !== undefined) {
    const key = settingsTableLines(text, target.inPyproject).lines.find((l) => /^external[-_]tables\s*=/.test(l.content));
    const open = key ? text.indexOf("[", key.start) : -1;
    const close = open < 0 ? -1 : closingBracket(text, open);
    if (close >= 0) {
      let last = close - 1;
      while (last > open && /\s/.test(text[last] ?? "")) last--;
      const previous = text[last];
      const separator = previous === "[" ? "" : previous === "," ? " " : ", ";
      const at = new LineIndex(text).position(last + 1);
      return { title, edits: [{ file: target.file, range: { start: at, end: at }, newText: `${separator}${values}` }] };
    }
  }
  return { title, edits: [addSettingEdit(target, `external-tables = [${values}]`)] };
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
