import * as path from "node:path";
import { runCompiled } from "../node/compiledBundle";
import { defaultCacheFolder } from "../node/diskParseCache";
import { ANALYSER_BUILD } from "../node/analyserBuild";

/**
 * `migration-lens`: runs the CLI's bundle (cli-main.js, beside this file) with its compiled code
 * kept in the cache folder the command uses (--cache-dir, else the user's; none with --no-cache),
 * for the commands that are short runs.
 */
function cacheFolder(argv: readonly string[]): string | undefined {
  // verify (PGlite) and the language server import() modules at run time, which a script compiled
  // with a code cache cannot do on every Node 20; they are long runs, where compiling matters least.
  if (argv.includes("--no-cache") || !["check", "notes", "schema"].includes(argv[0] ?? "")) return undefined;
  const at = argv.indexOf("--cache-dir");
  const inline = argv.find((a) => a.startsWith("--cache-dir="));
  const named = inline !== undefined ? inline.slice("--cache-dir=".length) : at >= 0 ? argv[at + 1] : undefined;
  return named ? path.resolve(named) : defaultCacheFolder();
}

// Built from the sources (always, for dist/cli.js): without a build's digest nothing is kept.
runCompiled(path.join(__dirname, "cli-main.js"), ANALYSER_BUILD === undefined ? undefined : cacheFolder(process.argv.slice(2)), ANALYSER_BUILD ?? "");
