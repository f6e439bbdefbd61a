import * as path from "node:path";
import { parse as parseToml } from "smol-toml";
import { readIni, readSection } from "../discovery/iniFile";
import type { MigrationSetSpec } from "../discovery/migrationSet";
import type { FileHost } from "../host";
import { percentFormat } from "../python/percentFormat";

/**
 * The string options of a set's Alembic configuration (`file_template`, `truncate_slug_length`,
 * `timezone`, `databases`...), as `config.get_main_option` returns them: interpolated, `%%`
 * read as `%`.
 */
export function readAlembicOptions(host: FileHost, spec: MigrationSetSpec): Map<string, string> {
  const options = new Map<string, string>();
  const file = spec.configFile;
  const text = file === undefined ? undefined : host.readFile(file);
  if (file === undefined || text === undefined) return options;
  const here = path.dirname(file);
  if (path.basename(file) === "pyproject.toml") {
    let tool: unknown;
    try {
      tool = (parseToml(text) as { tool?: { alembic?: unknown } }).tool?.alembic;
    } catch {
      return options;
    }
    for (const [key, value] of Object.entries((tool as Record<string, unknown>) ?? {})) {
      if (typeof value !== "string" && typeof value !== "number") continue;
      try {
        options.set(key, typeof value === "string" ? percentFormat(value, { here }) : String(value));
      } catch {
        options.set(key, String(value));
      }
    }
    return options;
  }
  for (const [key, entry] of readSection(readIni(text), spec.section ?? "alembic", { here })) options.set(key, entry.value);
  return options;
}
