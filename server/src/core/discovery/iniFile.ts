/**
 * Reads an INI file as Python's configparser does for alembic.ini: sections, `key = value` or
 * `key: value`, indented continuation lines, `#`/`;` comment lines, option names in lower case.
 */
export interface IniEntry {
  readonly value: string;
  /** Zero-based line of the key. */
  readonly line: number;
}

export type IniSections = Map<string, Map<string, IniEntry>>;

/** configparser's `default_section`: its options are inherited by every section, and it is no section itself. */
export const DEFAULT_SECTION = "DEFAULT";

/** The sections as written, [DEFAULT] among them under its name. */
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

/** The sections configparser lists (`sections()`): every one but [DEFAULT]. */
export function sectionNames(sections: IniSections): string[] {
  return [...sections.keys()].filter((name) => name !== DEFAULT_SECTION);
}

/**
 * A section's options as configparser returns them: its own, then those it inherits from
 * [DEFAULT], each with `%(name)s` interpolated from the same view. `defaults` are the parser's
 * constructor defaults (Alembic passes `here`): they feed interpolation, and the file's
 * [DEFAULT] and the section itself override them.
 */
export function readSection(sections: IniSections, name: string, defaults: Readonly<Record<string, string>>): Map<string, IniEntry> {
  const own = sections.get(name) ?? new Map<string, IniEntry>();
  const inherited = sections.get(DEFAULT_SECTION) ?? new Map<string, IniEntry>();
  const raw = new Map<string, IniEntry>([...inherited, ...own]);
  const lookup = new Map<string, string>([...Object.entries(defaults), ...[...raw].map(([key, entry]) => [key, entry.value] as const)]);
  return new Map([...raw].map(([key, entry]) => [key, { value: interpolate(entry.value, lookup), line: entry.line }]));
}

/** `%(name)s` from the section's view (configparser gives up after 10 levels), `%%` as `%`. */
function interpolate(value: string, lookup: ReadonlyMap<string, string>, depth = 0): string {
  return value.replace(/%\((\w+)\)s|%%/g, (match, name: string | undefined) => {
    if (match === "%%") return "%";
    const found = lookup.get((name ?? "").toLowerCase());
    if (found === undefined || depth > 10) return match;
    return interpolate(found, lookup, depth + 1);
  });
}
