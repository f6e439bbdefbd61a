/** A digest of the sources the build bundled (see scripts/build.mjs); undefined when run from the sources. */
declare const MIGRATION_LENS_BUILD: string | undefined;

/**
 * What identifies this analyser in the parse cache: a reading kept by another build is never
 * used. Undefined when run from the sources (tests, tsx), which change without a build: the
 * cache is then used only where a folder is named outright.
 */
export const ANALYSER_BUILD: string | undefined = typeof MIGRATION_LENS_BUILD === "string" ? MIGRATION_LENS_BUILD : undefined;
