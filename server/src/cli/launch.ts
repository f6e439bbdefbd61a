import * as path from "node:path";
import { runCompiled } from "../node/compiledBundle";
import { ANALYSER_BUILD } from "../node/analyserBuild";
import { ResultCache } from "../node/resultCache";
import { cacheFolderOf, parseArgs } from "./args";

/**
 * `migration-lens`: prints a check's kept output when nothing it read has changed; otherwise runs
 * the CLI's bundle (cli-main.js, beside this file) with its compiled code kept in the cache folder
 * the command uses (--cache-dir, else the user's; none with --no-cache), for the short runs.
 */
function launch(argv: readonly string[], cwd: string): void {
  const bundle = path.join(__dirname, "cli-main.js");
  const args = parseArgs([...argv]);
  // verify (PGlite) and the language server (not a command parseArgs reads) import() modules at
  // run time, which a script compiled with a code cache cannot do on every Node 20; they are long
  // runs, where compiling matters least. Without a build's digest nothing is kept.
  if (typeof args === "string" || args.command === "verify" || ANALYSER_BUILD === undefined) {
    runCompiled(bundle, undefined, "");
    return;
  }
  const folder = cacheFolderOf(args, cwd);
  const kept = folder !== undefined && args.command === "check" ? new ResultCache(folder, ANALYSER_BUILD, argv, cwd).recall() : undefined;
  if (kept) {
    process.stdout.write(kept.stdout);
    process.exitCode = kept.code;
    return;
  }
  runCompiled(bundle, folder, ANALYSER_BUILD);
}

launch(process.argv.slice(2), process.cwd());
