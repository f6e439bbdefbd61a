import * as path from "node:path";
import { parse as parseToml } from "smol-toml";
import type { FileHost } from "../host";
import type { Range } from "../model/positions";
import { readSettingsObject, type PartialSettings } from "./settings";
import { unknownRuleProblem } from "../rules/ruleNames";

export const CONFIG_FILE_NAME = ".migration-lens.toml";

export interface ConfigFileSettings {
  readonly file: string;
  readonly settings: PartialSettings;
  readonly problems: readonly { readonly range: Range; readonly message: string }[];
}

/**
 * The nearest configuration above a folder (up to, and including, the workspace root that holds
 * it): `.migration-lens.toml`, or a pyproject.toml with a `[tool.migration-lens]` table.
 */
export function findConfigFile(host: FileHost, folder: string, roots: readonly string[]): ConfigFileSettings | undefined {
  const root = roots.filter((r) => !path.relative(r, folder).startsWith("..")).sort((a, b) => b.length - a.length)[0];
  for (let current = folder; ; current = path.dirname(current)) {
    const dedicated = path.join(current, CONFIG_FILE_NAME);
    const dedicatedText = host.readFile(dedicated);
    if (dedicatedText !== undefined) return readConfig(dedicated, dedicatedText, false);
    const pyproject = path.join(current, "pyproject.toml");
    const pyprojectText = host.readFile(pyproject);
    if (pyprojectText !== undefined && pyprojectText.includes("migration-lens")) {
      const found = readConfig(pyproject, pyprojectText, true);
      if (found) return found;
    }
    if (current === root || path.dirname(current) === current || !root) return undefined;
  }
}

function readConfig(file: string, text: string, inPyproject: boolean): ConfigFileSettings | undefined {
  const folder = path.dirname(file);
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const line = (error as { line?: number }).line ?? 1;
    return { file, settings: {}, problems: [{ range: lineRange(text, line - 1), message: `Configuration is not valid TOML: ${firstLine(error)}` }] };
  }
  const table = inPyproject ? ((toml["tool"] as Record<string, unknown> | undefined)?.["migration-lens"] as Record<string, unknown> | undefined) : toml;
  if (!table) return undefined;
  const { settings, problems } = readSettingsObject(table, [folder], unknownRuleProblem);
  return {
    file,
    settings,
    problems: problems.map((p) => ({ range: lineRange(text, lineOfKey(text, p.key)), message: `${p.message}.` })),
  };
}

function lineOfKey(text: string, key: string): number {
  const last = key.split(".").pop() ?? key;
  const index = text.split(/\r?\n/).findIndex((l) => l.trimStart().startsWith(last) || l.includes(`"${last}"`));
  return Math.max(0, index);
}

function lineRange(text: string, line: number): Range {
  const length = text.split(/\r?\n/)[line]?.length ?? 0;
  return { start: { line, character: 0 }, end: { line, character: length } };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}
