/**
 * What a name built at run time can be, from the parts of it that are written: `"shadow_" + name`
 * starts with `shadow_`, `f"{prefix}_log"` ends with `_log`, a name read from data can be anything.
 */
export interface NamePattern {
  readonly prefix: string;
  readonly suffix: string;
  /** The whole name is known: it is `prefix` (and `suffix` is empty). */
  readonly exact?: boolean;
}

export const ANY_NAME: NamePattern = { prefix: "", suffix: "" };

export function exactName(name: string): NamePattern {
  return { prefix: name, suffix: "", exact: true };
}

export function matchesName(pattern: NamePattern, name: string): boolean {
  if (pattern.exact) return name === pattern.prefix;
  return name.length >= pattern.prefix.length + pattern.suffix.length && name.startsWith(pattern.prefix) && name.endsWith(pattern.suffix);
}

/** `a + b`: what the concatenation of two names can be. */
export function concatNames(a: NamePattern, b: NamePattern): NamePattern {
  if (a.exact && b.exact) return exactName(a.prefix + b.prefix);
  if (a.exact) return { prefix: a.prefix + b.prefix, suffix: b.suffix };
  if (b.exact) return { prefix: a.prefix, suffix: a.suffix + b.prefix };
  return { prefix: a.prefix, suffix: b.suffix };
}

export function describeName(pattern: NamePattern): string {
  if (pattern.exact) return `'${pattern.prefix}'`;
  if (!pattern.prefix && !pattern.suffix) return "any name";
  return `'${pattern.prefix}…${pattern.suffix}'`;
}

/**
 * Tables whose existence an operation left unknown: ones matching `name` may exist (created or
 * renamed to at run time), or may be gone (dropped or renamed away).
 */
export interface UncertainTables {
  readonly name: NamePattern;
  readonly may: "exist" | "be-gone";
}
