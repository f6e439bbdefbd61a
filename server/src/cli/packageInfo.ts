/** What the build writes in from package.json (unbundled, as under tsx: undefined). */
declare const MIGRATION_LENS_VERSION: string | undefined;
declare const MIGRATION_LENS_HOMEPAGE: string | undefined;

/** The package's version; "development" when run from the sources. */
export const VERSION: string = typeof MIGRATION_LENS_VERSION === "string" ? MIGRATION_LENS_VERSION : "development";

/** The README's address (package.json `homepage`), when the build wrote it in. */
export const HOMEPAGE: string | undefined = typeof MIGRATION_LENS_HOMEPAGE === "string" ? MIGRATION_LENS_HOMEPAGE : undefined;

/** Where the README documents a rule: each rules table row carries an anchor named after the rule. */
export function ruleHelpUri(rule: string): string | undefined {
  return HOMEPAGE === undefined ? undefined : `${HOMEPAGE.replace(/#.*$/, "")}#${rule}`;
}
