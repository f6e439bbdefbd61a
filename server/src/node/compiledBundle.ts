import { createHash } from "node:crypto";
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import * as vm from "node:vm";
import { writeWhole } from "./writeWhole";

/**
 * Runs a bundle as Node would `require` it, but compiled with V8's code cache kept in `folder`:
 * compiling the 7 MB bundle again is most of a short run's time. V8 checks the cache against
 * its own version and the source's length, and refuses one that does not match; the file is
 * named by the build, Node's version and the bundle's size and time, so a changed bundle is never
 * run with another's code. Without a folder, or where Node has no loader to give the bundle's
 * `import()`, the bundle is simply required (a bundle that imports at run time must be).
 */
export function runCompiled(bundle: string, folder: string | undefined, build: string): void {
  const dynamicImport = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (folder === undefined || dynamicImport === undefined) {
    require(bundle);
    return;
  }
  const source = fs.readFileSync(bundle, "utf8");
  // V8 checks only the source's length: the build's digest (and the file's time) say which source it is.
  const stat = fs.statSync(bundle);
  const key = createHash("sha256").update(`${build}\u0000${process.version}\u0000${process.arch}\u0000${stat.size}\u0000${stat.mtimeMs}`).digest("hex").slice(0, 32);
  const cacheFile = path.join(folder, "v8", `${path.basename(bundle, ".js")}-${key}`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}), importModuleDynamically: dynamicImport });
  const module = new Module(bundle);
  module.filename = bundle;
  module.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(path.dirname(bundle));
  // Kept at exit, when the functions the run needed are compiled too.
  if (cachedData === undefined || script.cachedDataRejected === true) process.once("exit", () => keep(cacheFile, script.createCachedData()));
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
}

/** Writes the code cache whole, and removes the ones older builds of the same bundle left. */
function keep(file: string, data: Buffer): void {
  // The cache folder cannot be written: the next run compiles again.
  if (!writeWhole(file, data)) return;
  const prefix = `${path.basename(file).replace(/-[0-9a-f]+$/, "")}-`;
  try {
    for (const name of fs.readdirSync(path.dirname(file))) {
      if (name.startsWith(prefix) && /^[0-9a-f]+$/.test(name.slice(prefix.length)) && name !== path.basename(file)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
    }
  } catch {
    // Another run removed them meanwhile.
  }
}
