/**
 * Reads an INI file as Python's configparser does for alembic.ini: sections, `key = value` or
 * `key: value`, indented continuation lines, `#`/`;` comment lines, and `%(name)s` interpolation
 * from the same section, [DEFAULT] and the given defaults (Alembic passes `here`).
 */
export interface IniEntry {
  readonly value: string;
  /** Zero-based line of the key. */
  readonly line: number;
}

export type IniSections = Map<string, Map<string, IniEntry>>;

export function readIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, IniEntry> | undefined;
  let lastKey: string | undefined;
  text.split(/\r?\n/).forEach((raw, line) => {
    if (/^\s*([#;]|$)/.test(raw)) {
      if (raw.trim() === "") lastKey = undefined;
      return;
    }
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) {
      const name = header[1] ?? "";
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      lastKey = undefined;
      return;
    }
    if (!current) return;
    if (/^\s/.test(raw) && lastKey !== undefined) {
      const previous = current.get(lastKey);
      if (previous) current.set(lastKey, { value: `${previous.value}\n${raw.trim()}`, line: previous.line });
      return;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!pair) return;
    lastKey = (pair[1] ?? "").trim().toLowerCase();
    current.set(lastKey, { value: (pair[2] ?? "").trim(), line });
  });
  return sections;
}

export function interpolate(value: string, section: ReadonlyMap<string, IniEntry>, defaults: Record<string, string>, depth = 0): string {
  return value.replace(/%\((\w+)\)s|%%/g, (match, name: string | undefined) => {
    if (match === "%%") return "%";
    const key = (name ?? "").toLowerCase();
    if (key in defaults) return defaults[key] ?? "";
    const entry = section.get(key);
    if (!entry || depth > 10) return match;
    return interpolate(entry.value, section, defaults, depth + 1);
  });
}
