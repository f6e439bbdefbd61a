import * as path from "node:path";
import { parse as parseToml } from "smol-toml";
import { range } from "../model/positions";
import type { ConfigProblem, MigrationSetSpec } from "./migrationSet";
import { DEFAULT_SECTION, readIni, readSection, sectionNames, type IniEntry } from "./iniFile";
import type { FileHost } from "../host";
import type { SqlDialect } from "../schema/sqlContract";

/**
 * The sections of an alembic.ini that Alembic may be run with, each one migration set: those
 * that name a `script_location` themselves, and `[alembic]` (what `alembic` reads without `-n`)
 * also when it inherits one from [DEFAULT]. Other sections inherit it too (`[loggers]`, say) but
 * are no Alembic environment. A file whose `script_location` is only in [DEFAULT] still
 * describes a set, read as `[alembic]` would be, with the problem that Alembic finds no section.
 */
export function setsFromAlembicIni(host: FileHost, file: string, text: string): MigrationSetSpec[] {
  const here = path.dirname(file);
  const lines = text.split(/\r?\n/);
  const sections = readIni(text);
  const names = sectionNames(sections).filter((name) => sections.get(name)?.has("script_location") || name === MAIN_SECTION);
  const specs = names.flatMap((name) => {
    const spec = specFromSection(host, file, here, lines, name, readSection(sections, name, { here }));
    return spec ? [spec] : [];
  });
  const inherited = sections.get(DEFAULT_SECTION)?.get("script_location");
  if (specs.length > 0 || !inherited) return specs;
  const spec = specFromSection(host, file, here, lines, MAIN_SECTION, readSection(sections, MAIN_SECTION, { here }));
  if (!spec) return [];
  const line = inherited.line;
  const missing = {
    file,
    range: range(line, 0, line, lines[line]?.length ?? 0),
    message: `No [${MAIN_SECTION}] section: Alembic reads that section (or the one named by -n) and fails with "file has no '[${MAIN_SECTION}]' section"; [${DEFAULT_SECTION}] only gives defaults to the sections there are.`,
  };
  return [{ ...spec, problems: [missing, ...spec.problems] }];
}

/** A value with a `{name}` or `{{ … }}` placeholder that code fills in (str.format, Jinja, cookiecutter). */
function isTemplate(value: string): boolean {
  const open = value.indexOf("{");
  return open >= 0 && value.indexOf("}", open) > open;
}

/** The section `alembic` reads unless told otherwise with `-n`. */
const MAIN_SECTION = "alembic";

function specFromSection(host: FileHost, file: string, here: string, lines: string[], section: string, entries: ReadonlyMap<string, IniEntry>): MigrationSetSpec | undefined {
  const scriptLocation = entries.get("script_location");
  // `{alembic_dir}`, `{{ cookiecutter.x }}`: an ini the project writes out at run time is a template, not a configuration.
  if (!scriptLocation || isTemplate(scriptLocation.value)) return undefined;
  const locationsEntry = entries.get("version_locations");
  return buildSpec(host, {
    file,
    section,
    here,
    scriptLocation: scriptLocation.value,
    scriptLocationLine: scriptLocation.line,
    versionLocations: splitVersionLocations(locationsEntry?.value, entries.get("version_path_separator")?.value),
    versionLocationsLine: locationsEntry?.line ?? scriptLocation.line,
    recursive: isTrue(entries.get("recursive_version_locations")?.value),
    url: entries.get("sqlalchemy.url")?.value,
    versionTable: entries.get("version_table")?.value,
    lines,
  });
}

/** `[tool.alembic]` in pyproject.toml (Alembic 1.16 and later). */
export function setsFromPyproject(host: FileHost, file: string, text: string): MigrationSetSpec[] {
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(text) as Record<string, unknown>;
  } catch {
    return [];
  }
  const tool = toml["tool"] as Record<string, unknown> | undefined;
  const alembic = tool?.["alembic"] as Record<string, unknown> | undefined;
  if (!alembic || typeof alembic["script_location"] !== "string") return [];
  const here = path.dirname(file);
  const expand = (s: string): string => s.replace(/%\(here\)s/g, here);
  const lines = text.split(/\r?\n/);
  const lineOf = (key: string): number => Math.max(0, lines.findIndex((l) => l.trimStart().startsWith(key)));
  const rawLocations = alembic["version_locations"];
  const locations = Array.isArray(rawLocations)
    ? rawLocations.filter((l): l is string => typeof l === "string").map(expand)
    : typeof rawLocations === "string"
      ? splitVersionLocations(expand(rawLocations), undefined)
      : undefined;
  return [
    buildSpec(host, {
      file,
      section: undefined,
      here,
      scriptLocation: expand(alembic["script_location"]),
      scriptLocationLine: lineOf("script_location"),
      versionLocations: locations,
      versionLocationsLine: lineOf(locations ? "version_locations" : "script_location"),
      recursive: alembic["recursive_version_locations"] === true,
      lines,
    }),
  ];
}

interface RawSettings {
  file: string;
  section: string | undefined;
  here: string;
  scriptLocation: string;
  scriptLocationLine: number;
  versionLocations: string[] | undefined;
  versionLocationsLine: number;
  recursive: boolean;
  url?: string;
  /** Not an Alembic option, but a common one env.py reads with get_main_option("version_table"). */
  versionTable?: string | undefined;
  lines: string[];
}

function buildSpec(host: FileHost, s: RawSettings): MigrationSetSpec {
  const problems: ConfigProblem[] = [];
  const problemAt = (line: number, message: string): ConfigProblem => ({ file: s.file, range: range(line, 0, line, s.lines[line]?.length ?? 0), message });
  const root = resolveLocation(host, s.here, s.scriptLocation);
  const shown = (location: string): string => path.relative(s.here, location) || ".";
  const versionLocations = (s.versionLocations ?? [path.join(root, "versions")]).map((l) => resolveLocation(host, s.here, l));
  if (!host.readDirectory(root)) {
    problems.push(problemAt(s.scriptLocationLine, `script_location '${s.scriptLocation}' is not a folder (looked for ${shown(root)}).`));
  }
  for (const location of versionLocations) {
    if (!host.readDirectory(location)) {
      problems.push(problemAt(s.versionLocationsLine, `Version location ${shown(location)} does not exist: Alembic finds no revisions there.`));
    }
  }
  const dialect = dialectOfUrl(s.url) ?? versionLocations.map(dialectOfFolder).find((d) => d !== undefined);
  return {
    kind: "alembic",
    ...(dialect ? { dialect } : {}),
    ...(s.versionTable ? { versionTable: s.versionTable } : {}),
    root,
    configFile: s.file,
    section: s.section,
    versionLocations,
    recursive: s.recursive,
    problems,
  };
}

/**
 * A location is a path (relative ones taken from the config file's folder, where Alembic is run)
 * or a package resource `package.module:folder:sub`, as importlib.resources resolves it. The
 * package is looked for under the config's folder and its ancestors (the source root is usually
 * one of them), directly or in `src/`.
 */
function resolveLocation(host: FileHost, here: string, location: string): string {
  if (path.isAbsolute(location) || !location.includes(":")) return path.resolve(here, location);
  const [pkg = "", ...rest] = location.split(":");
  const packagePath = path.join(...pkg.split("."), ...rest);
  for (let folder = here, depth = 0; depth < 8; depth++) {
    for (const candidate of [path.join(folder, packagePath), path.join(folder, "src", packagePath)]) {
      if (host.readDirectory(candidate)) return candidate;
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return path.join(here, packagePath);
}

function splitVersionLocations(value: string | undefined, separator: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const splitOn: Record<string, RegExp> = {
    space: / /,
    os: path.delimiter === ";" ? /;/ : /:/,
    ":": /:/,
    ";": /;/,
    newline: /\r?\n/,
  };
  // Without a separator Alembic splits on spaces and commas (its legacy behaviour).
  const pattern = separator === undefined ? /, *| +|\n/ : (splitOn[separator] ?? /, *| +|\n/);
  return value.split(pattern).map((v) => v.trim()).filter(Boolean);
}

function isTrue(value: string | undefined): boolean {
  return ["true", "1", "yes", "on"].includes((value ?? "").trim().toLowerCase());
}

/** `postgresql+psycopg2://...` → postgresql; `mysql+pymysql://` → mysql; `sqlite:///...` → sqlite. */
function dialectOfUrl(url: string | undefined): SqlDialect | undefined {
  const scheme = /^([a-z0-9]+)(\+[a-z0-9_]+)?:\/\//i.exec(url?.trim() ?? "")?.[1]?.toLowerCase();
  if (scheme === "postgresql" || scheme === "postgres") return "postgresql";
  if (scheme === "mysql" || scheme === "mariadb") return "mysql";
  if (scheme === "sqlite") return "sqlite";
  return undefined;
}

/** A version folder named after its database (prefect keeps `versions/postgresql` and `versions/sqlite`). */
export function dialectOfFolder(folder: string): SqlDialect | undefined {
  const name = path.basename(folder).toLowerCase();
  if (name === "postgresql" || name === "postgres") return "postgresql";
  if (name === "mysql" || name === "mariadb") return "mysql";
  if (name === "sqlite" || name === "sqlite3") return "sqlite";
  return undefined;
}
