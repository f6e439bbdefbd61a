import * as path from "node:path";
import type { Severity } from "../core/model/findings";
import { defaultCacheFolder } from "../node/diskParseCache";
import { ANALYSER_BUILD } from "../node/analyserBuild";

// The command line, read once: by the launcher (which needs the cache folder before the CLI's
// bundle loads) and by the CLI itself.

export const FORMATS = ["text", "json", "github", "gitlab", "sarif", "markdown"] as const;
export type Format = (typeof FORMATS)[number];
export const FAIL_ON = ["error", "warning", "info", "never"] as const;

export interface CliArgs {
  command: "check" | "schema" | "verify";
  paths: string[];
  format: Format;
  failOn: Severity | "never";
  output: string | undefined;
  at: string | undefined;
  base: string | undefined;
  all: boolean;
  to: string | undefined;
  roundtrip: boolean;
  locks: boolean;
  databaseUrl: string | undefined;
  cacheDir: string | undefined;
  noCache: boolean;
}

export function parseArgs(argv: string[]): CliArgs | string {
  const [given, ...rest] = argv;
  if (given !== "check" && given !== "schema" && given !== "notes" && given !== "verify") return given === undefined ? "missing command" : `unknown command '${given}'`;
  // notes is check writing markdown that fails nothing unless told.
  const notes = given === "notes";
  const command = notes ? "check" : given;
  const args: CliArgs = { command, paths: [], format: notes ? "markdown" : "text", failOn: notes ? "never" : "error", output: undefined, at: undefined, base: undefined, all: false, to: undefined, roundtrip: false, locks: false, databaseUrl: undefined, cacheDir: undefined, noCache: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const inline = /^--(format|at|base|fail-on|output|to|database-url|cache-dir)=(.*)$/.exec(arg);
    const option = inline ? `--${inline[1]}` : arg;
    if (option === "--format" && command === "check" && !notes) {
      const value = inline ? inline[2] : rest[++i];
      if (!FORMATS.includes(value as Format)) return `--format takes ${FORMATS.join(", ")}, not '${value ?? ""}'`;
      args.format = value as Format;
    } else if (option === "--format" && command === "verify") {
      const value = inline ? inline[2] : rest[++i];
      if (value !== "text" && value !== "json") return `verify's --format takes text or json, not '${value ?? ""}'`;
      args.format = value;
    } else if (option === "--to" && command === "verify") {
      const value = inline ? inline[2] : rest[++i];
      if (!value) return "--to takes a revision id";
      args.to = value;
    } else if (arg === "--roundtrip" && command === "verify") {
      args.roundtrip = true;
    } else if (arg === "--locks" && command === "verify") {
      args.locks = true;
    } else if (option === "--database-url" && command === "verify") {
      const value = inline ? inline[2] : rest[++i];
      if (!value) return "--database-url takes a postgresql:// URL";
      args.databaseUrl = value;
    } else if (option === "--fail-on" && command === "check") {
      const value = inline ? inline[2] : rest[++i];
      if (!FAIL_ON.includes(value as CliArgs["failOn"])) return `--fail-on takes ${FAIL_ON.join(", ")}, not '${value ?? ""}'`;
      args.failOn = value as CliArgs["failOn"];
    } else if (option === "--output" && command === "check") {
      const value = inline ? inline[2] : rest[++i];
      if (!value) return "--output takes a file name";
      args.output = value;
    } else if (option === "--at" && command === "schema") {
      const value = inline ? inline[2] : rest[++i];
      if (!value) return "--at takes a revision id";
      args.at = value;
    } else if (option === "--base" && command === "check") {
      const value = inline ? inline[2] : rest[++i];
      if (!value) return "--base takes a git ref, e.g. origin/main";
      args.base = value;
    } else if (option === "--cache-dir") {
      const value = inline ? inline[2] : rest[++i];
      if (!value) return "--cache-dir takes a folder";
      args.cacheDir = value;
    } else if (arg === "--no-cache") {
      args.noCache = true;
    } else if (arg === "--all" && command === "check") {
      args.all = true;
    } else if (arg.startsWith("-")) {
      return `unknown option '${arg}'`;
    } else {
      args.paths.push(arg);
    }
  }
  return args;
}

/** The cache folder the command reads and writes: the one named, else the user's (a build from the sources has none unless named). */
export function cacheFolderOf(args: CliArgs, cwd: string): string | undefined {
  if (args.noCache) return undefined;
  if (args.cacheDir !== undefined) return path.resolve(cwd, args.cacheDir);
  return ANALYSER_BUILD === undefined ? undefined : defaultCacheFolder();
}
