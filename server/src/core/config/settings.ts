import * as path from "node:path";
import type { Severity } from "../model/findings";
import type { FolderGlob } from "./glob";
import type { SqlDialect } from "../schema/sqlContract";

export type RuleSetting = Severity | "off";

/**
 * What a project configures, in `.migration-lens.toml` or `[tool.migration-lens]` of
 * pyproject.toml, mirrored by the editor settings `migrationLens.*`. The file wins where both
 * speak: it is what the CLI in CI reads too.
 */
export interface Settings {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Every non-additive change becomes an error: "all migrations are additive", checked. */
  readonly additive: boolean;
  readonly dialect: SqlDialect;
  /** Tables that exist before any migration (created by an ORM at start-up, say). */
  readonly externalTables: readonly string[];
  /** A SQL file of the schema that exists before the first migration. Absolute path. */
  readonly baseline: string | undefined;
  /** The ref a branch is compared with (`origin/develop`); when unset, the upstream default branch. */
  readonly base: string | undefined;
  /** `branch`: the change-safety rules judge only the migrations this branch adds; `all`: every migration. */
  readonly scope: Scope;
  /** Globs of migration files to analyse (all when empty), each with the folder it is relative to. */
  readonly include: readonly FolderGlob[];
  readonly exclude: readonly FolderGlob[];
  /** The file these settings came from. */
  readonly configFile: string | undefined;
}

export type Scope = "branch" | "all";
export const SCOPES: readonly Scope[] = ["branch", "all"];

export const DEFAULT_SETTINGS: Settings = {
  rules: {},
  additive: false,
  dialect: "postgresql",
  externalTables: [],
  baseline: undefined,
  include: [],
  exclude: [],
  base: undefined,
  scope: "branch",
  configFile: undefined,
};

export const DIALECTS: readonly SqlDialect[] = ["postgresql", "mysql", "sqlite"];
const SEVERITIES: readonly RuleSetting[] = ["error", "warning", "info", "off"];

/** Settings as given by a config file or the editor, before merging: every key optional. */
export type PartialSettings = { -readonly [K in keyof Settings]?: Settings[K] };

export interface SettingsProblem {
  readonly key: string;
  readonly message: string;
}

/**
 * Reads settings from a plain object (parsed TOML or editor settings). Keys may be kebab-case
 * (`external-tables`, as in TOML) or camelCase (`externalTables`, as in the editor). Relative
 * paths are relative to `folders` (a config file's folder, or the workspace folders): the
 * baseline to the first, globs to each, so a file is matched from the folder that holds it.
 */
export function readSettingsObject(
  raw: Record<string, unknown>,
  folders: readonly string[],
  /** Says what is wrong with a rule name no rule has (undefined when it is one). */
  knownRule?: (name: string) => string | undefined,
): { settings: PartialSettings; problems: SettingsProblem[] } {
  const settings: PartialSettings = {};
  const problems: SettingsProblem[] = [];
  const get = (key: string): unknown => raw[key] ?? raw[key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())];
  const strings = (key: string): string[] | undefined => {
    const value = get(key);
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
    problems.push({ key, message: `${key} must be a list of strings` });
    return undefined;
  };

  const rules = get("rules");
  if (rules !== undefined) {
    if (typeof rules === "object" && rules !== null && !Array.isArray(rules)) {
      const valid: Record<string, RuleSetting> = {};
      for (const [rule, value] of Object.entries(rules)) {
        if (typeof value === "string" && (SEVERITIES as readonly string[]).includes(value)) valid[rule] = value as RuleSetting;
        else problems.push({ key: `rules.${rule}`, message: `rules.${rule} must be one of ${SEVERITIES.join(", ")}` });
        const unknown = knownRule?.(rule);
        if (unknown) problems.push({ key: `rules.${rule}`, message: unknown });
      }
      settings.rules = valid;
    } else problems.push({ key: "rules", message: "rules must be a table of rule = severity" });
  }
  const additive = get("additive");
  if (additive !== undefined) {
    if (typeof additive === "boolean") settings.additive = additive;
    else problems.push({ key: "additive", message: "additive must be true or false" });
  }
  const dialect = get("dialect");
  if (dialect !== undefined) {
    if (typeof dialect === "string" && (DIALECTS as readonly string[]).includes(dialect)) settings.dialect = dialect as SqlDialect;
    else problems.push({ key: "dialect", message: `dialect must be one of ${DIALECTS.join(", ")}` });
  }
  const external = strings("external-tables");
  if (external) settings.externalTables = external;
  const baseline = get("baseline");
  if (baseline !== undefined) {
    if (typeof baseline === "string") settings.baseline = baseline === "" || folders[0] === undefined ? undefined : path.resolve(folders[0], baseline);
    else problems.push({ key: "baseline", message: "baseline must be a path" });
  }
  const base = get("base");
  if (base !== undefined) {
    if (typeof base === "string") settings.base = base.trim() === "" ? undefined : base.trim();
    else problems.push({ key: "base", message: "base must be a git ref, e.g. \"origin/main\"" });
  }
  const scope = get("scope");
  if (scope !== undefined) {
    if (typeof scope === "string" && (SCOPES as readonly string[]).includes(scope)) settings.scope = scope as Scope;
    else problems.push({ key: "scope", message: `scope must be one of ${SCOPES.join(", ")}` });
  }
  const globs = (key: string): FolderGlob[] | undefined => strings(key)?.flatMap((pattern) => folders.map((folder) => ({ pattern, folder })));
  const include = globs("include");
  if (include) settings.include = include;
  const exclude = globs("exclude");
  if (exclude) settings.exclude = exclude;
  return { settings, problems };
}

/** Later layers win key by key; rule severities merge rule by rule. */
export function mergeSettings(...layers: readonly PartialSettings[]): Settings {
  let merged: Settings = DEFAULT_SETTINGS;
  for (const layer of layers) {
    const defined = Object.fromEntries(Object.entries(layer).filter(([, v]) => v !== undefined)) as PartialSettings;
    merged = { ...merged, ...defined, rules: { ...merged.rules, ...(layer.rules ?? {}) } };
  }
  return merged;
}
