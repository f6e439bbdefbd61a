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
  const args = parseArgs([...argv]);
  // verify (PGlite) and the language server (not a command parseArgs reads) import() modules at
  // run time, which a script compiled with a code cache cannot do on every Node 20; they are long
  // runs, where compiling matters least.
  const folder = typeof args === "string" || args.command === "verify" || ANALYSER_BUILD === undefined ? undefined : cacheFolderOf(args, cwd);
  if (folder !== undefined && ANALYSER_BUILD !== undefined && typeof args !== "string" && args.command === "check") {
    const kept = new ResultCache(folder, ANALYSER_BUILD, argv, cwd).recall();
    if (kept) {
      process.stdout.write(kept.stdout);
      process.exitCode = kept.code;
      return;
    }
  }
  runCompiled(path.join(__dirname, "cli-main.js"), folder, ANALYSER_BUILD ?? "");
}

launch(process.argv.slice(2), process.cwd());
