import * as path from "node:path";
import { parser } from "@lezer/python";
import type { SyntaxNode } from "@lezer/common";
import { parse as parseToml } from "smol-toml";
import type { FileHost } from "../host";
import { readStringLiteral } from "../python/stringLiteral";
import { normalizePackageName } from "../schema/knownFrameworks";
import { readIni } from "./iniFile";

/**
 * The Python distributions a project declares it depends on, read as data from the dependency
 * files in the set's folder and each folder above it up to the workspace root:
 * requirements*.txt (and .txt / .in files of a `requirements/` folder), pyproject.toml (PEP 621,
 * Poetry, dependency groups), setup.cfg, setup.py (its string literals; never run) and Pipfile.
 * Names are normalized as pip compares them.
 */
export function declaredPackages(host: FileHost, folder: string, roots: readonly string[]): string[] {
  const root = roots.filter((r) => !path.relative(r, folder).startsWith("..")).sort((a, b) => b.length - a.length)[0];
  const names = new Set<string>();
  for (let current = folder; ; current = path.dirname(current)) {
    for (const name of packagesIn(host, current)) names.add(normalizePackageName(name));
    if (!root || current === root || path.dirname(current) === current) break;
  }
  return [...names].sort();
}

function packagesIn(host: FileHost, folder: string): string[] {
  const entries = host.readDirectory(folder) ?? [];
  const read = (name: string): string | undefined => (entries.some((e) => !e.isDirectory && e.name === name) ? host.readFile(path.join(folder, name)) : undefined);
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory && /^requirements.*\.(txt|in)$/i.test(entry.name)) found.push(...requirementLines(host.readFile(path.join(folder, entry.name)) ?? ""));
    if (entry.isDirectory && entry.name === "requirements") {
      for (const file of host.readDirectory(path.join(folder, entry.name)) ?? []) {
        if (!file.isDirectory && /\.(txt|in)$/.test(file.name)) found.push(...requirementLines(host.readFile(path.join(folder, entry.name, file.name)) ?? ""));
      }
    }
  }
  const pyproject = read("pyproject.toml");
  if (pyproject !== undefined) found.push(...pyprojectPackages(pyproject));
  const pipfile = read("Pipfile");
  if (pipfile !== undefined) found.push(...tomlTableKeys(pipfile, ["packages"], ["dev-packages"]));
  const setupCfg = read("setup.cfg");
  if (setupCfg !== undefined) found.push(...setupCfgPackages(setupCfg));
  const setupPy = read("setup.py");
  if (setupPy !== undefined) found.push(...setupPyPackages(setupPy));
  return found;
}

/** The name at the start of a requirement (`Flask-AppBuilder>=4.0; python_version>"3"`), if it is one. */
function requirementName(text: string): string | undefined {
  return /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(text)?.[1];
}

/** requirements.txt lines: comments, options (`-r`, `-e`, `--hash`) and URLs are skipped. */
function requirementLines(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const content = line.replace(/(^|\s)#.*$/, "").trim();
    if (content === "" || content.startsWith("-") || content.includes("://")) return [];
    const name = requirementName(content);
    return name ? [name] : [];
  });
}

function pyprojectPackages(text: string): string[] {
  const toml = parseQuietly(text);
  if (!toml) return [];
  const project = asTable(toml["project"]);
  const poetry = asTable(asTable(toml["tool"])?.["poetry"]);
  const requirements = [
    ...asStrings(project?.["dependencies"]),
    ...Object.values(asTable(project?.["optional-dependencies"]) ?? {}).flatMap(asStrings),
    ...Object.values(asTable(toml["dependency-groups"]) ?? {}).flatMap(asStrings),
  ];
  const poetryGroups = Object.values(asTable(poetry?.["group"]) ?? {}).map((g) => asTable(asTable(g)?.["dependencies"]));
  const poetryNames = [poetry?.["dependencies"], poetry?.["dev-dependencies"], ...poetryGroups].flatMap((t) => Object.keys(asTable(t) ?? {}));
  return [...requirements.flatMap((r) => requirementName(r) ?? []), ...poetryNames.filter((n) => n !== "python")];
}

function tomlTableKeys(text: string, ...tables: string[][]): string[] {
  const toml = parseQuietly(text);
  if (!toml) return [];
  return tables.flatMap((keys) => Object.keys(asTable(keys.reduce<unknown>((t, k) => asTable(t)?.[k], toml)) ?? {}));
}

/** `[options] install_requires` and `[options.extras_require]`, one requirement a line. */
function setupCfgPackages(text: string): string[] {
  const ini = readIni(text);
  const values = [ini.get("options")?.get("install_requires")?.value ?? "", ...[...(ini.get("options.extras_require")?.values() ?? [])].map((e) => e.value)];
  return values.flatMap(requirementLines);
}

/**
 * setup.py is code: it is parsed, never run. Requirements are the string literals under a keyword
 * argument or assignment whose name says so (`install_requires=[…]`, `REQUIREMENTS = […]`).
 */
function setupPyPackages(text: string): string[] {
  const found: string[] = [];
  parser.parse(text).iterate({
    enter: (ref) => {
      if (ref.name !== "String" || !underRequirementsName(ref.node, text)) return;
      const literal = readStringLiteral(text.slice(ref.from, ref.to));
      const name = literal && !literal.isFormat ? requirementName(literal.value) : undefined;
      if (name) found.push(name);
    },
  });
  return found;
}

function underRequirementsName(node: SyntaxNode, text: string): boolean {
  for (let at: SyntaxNode | null = node; at; at = at.parent) {
    const assign = at.prevSibling;
    const target = assign?.name === "AssignOp" ? assign.prevSibling : null;
    if (target?.name === "VariableName" && /requires?|requirements/i.test(text.slice(target.from, target.to))) return true;
  }
  return false;
}

function parseQuietly(text: string): Record<string, unknown> | undefined {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function asTable(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
