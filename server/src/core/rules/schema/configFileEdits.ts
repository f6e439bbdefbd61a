import * as path from "node:path";
import type { AnalyzedSet } from "../../analysis/analyzedSet";
import { CONFIG_FILE_NAME } from "../../config/configFile";
import type { FileHost } from "../../host";
import type { FileEdit } from "../../model/findings";
import { FILE_START } from "../../model/positions";
import { LineIndex } from "../../text/lineIndex";

/** The project's configuration file a fix edits: the one in use, or the one it would create. */
export interface ConfigTarget {
  readonly file: string;
  /** Undefined when the file does not exist yet. */
  readonly text: string | undefined;
  /** Settings live in `[tool.migration-lens]` of pyproject.toml, at the top level of .migration-lens.toml. */
  readonly inPyproject: boolean;
}

/** Files that mark a project's root folder, whatever its language. */
const PROJECT_MARKERS = ["package.json", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "go.mod", "pom.xml", "build.gradle", "build.gradle.kts", "Cargo.toml", "composer.json", "Gemfile", ".git"];

/**
 * The config file in use for the set; when there is none, `.migration-lens.toml` in the project's
 * root: beside the set's alembic.ini, else the nearest folder above the migrations (inside the
 * workspace, where the configuration is looked for) that holds a project file, else the set's folder.
 */
export function configTarget(set: AnalyzedSet, host: FileHost | undefined, roots: readonly string[] | undefined): ConfigTarget {
  const configFile = set.settings.configFile;
  const text = configFile ? host?.readFile(configFile) : undefined;
  if (configFile && text !== undefined) return { file: configFile, text, inPyproject: configFile.endsWith("pyproject.toml") };
  return { file: path.join(projectFolder(set, host, roots), CONFIG_FILE_NAME), text: undefined, inPyproject: false };
}

function projectFolder(set: AnalyzedSet, host: FileHost | undefined, roots: readonly string[] | undefined): string {
  if (set.spec.configFile) return path.dirname(set.spec.configFile);
  const root = (roots ?? []).filter((r) => !path.relative(r, set.spec.root).startsWith("..")).sort((a, b) => b.length - a.length)[0];
  if (!host || !root) return set.spec.root;
  for (let folder = set.spec.root; ; folder = path.dirname(folder)) {
    const names = new Set((host.readDirectory(folder) ?? []).map((e) => e.name));
    if (PROJECT_MARKERS.some((m) => names.has(m))) return folder;
    if (folder === root || path.dirname(folder) === folder) return set.spec.root;
  }
}

/** Adds a `key = value` line where the settings live, creating the file (or pyproject's table) if needed. */
export function addSettingEdit(target: ConfigTarget, line: string): FileEdit {
  const insert = (offset: number, newText: string): FileEdit => {
    const at = new LineIndex(target.text ?? "").position(offset);
    return { file: target.file, range: { start: at, end: at }, newText };
  };
  if (target.text === undefined) return { file: target.file, range: FILE_START, newText: `# Migration Lens configuration\n${line}\n`, createFile: true };
  if (!target.inPyproject) return insert(0, `${line}\n`);
  const header = settingsTableLines(target.text).headerEnd;
  if (header !== undefined) return insert(header, `${line}\n`);
  return insert(target.text.length, `${target.text.endsWith("\n") ? "" : "\n"}\n[tool.migration-lens]\n${line}\n`);
}

/** The lines of the settings' table (top level, or pyproject's `[tool.migration-lens]`), with where its header ends. */
export function settingsTableLines(text: string, inPyproject = true): { headerEnd: number | undefined; lines: { start: number; content: string }[] } {
  const index = new LineIndex(text);
  const wanted = inPyproject ? "tool.migration-lens" : "";
  let current = "";
  let headerEnd: number | undefined;
  const lines: { start: number; content: string }[] = [];
  for (let line = 0; line < index.lineCount; line++) {
    const content = index.lineText(line).trim();
    const table = /^\[([^\]]+)\]/.exec(content);
    if (table) {
      current = (table[1] ?? "").trim();
      if (current === wanted) headerEnd = index.lineStart(line + 1);
    } else if (current === wanted) lines.push({ start: index.lineStart(line), content });
  }
  return { headerEnd, lines };
}
