import * as fs from "node:fs";
import * as path from "node:path";
import { MigrationWorkspace } from "../core/analysis/workspace";
import { NodeFileHost } from "../node/nodeFileHost";
import { jsonReport } from "./jsonReport";
import { textReport } from "./textReport";

const USAGE = `Usage: migration-lens check [PATH...] [--format text|json]

Finds the Alembic migration sets under each PATH (default: the current folder), checks their
revision graphs and prints what will break.

Exit status: 0 no errors, 1 errors found, 2 usage or internal failure.`;

interface CheckArgs {
  paths: string[];
  format: "text" | "json";
}

function parseArgs(argv: string[]): CheckArgs | string {
  const [command, ...rest] = argv;
  if (command !== "check") return command === undefined ? "missing command" : `unknown command '${command}'`;
  const args: CheckArgs = { paths: [], format: "text" };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const inline = /^--format=(.*)$/.exec(arg);
    if (arg === "--format" || inline) {
      const value = inline ? inline[1] : rest[++i];
      if (value !== "text" && value !== "json") return `--format takes text or json, not '${value ?? ""}'`;
      args.format = value;
    } else if (arg.startsWith("-")) {
      return `unknown option '${arg}'`;
    } else {
      args.paths.push(arg);
    }
  }
  return args;
}

export function main(argv: string[], cwd: string, out: (s: string) => void, err: (s: string) => void): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    out(USAGE + "\n");
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === "string") {
    err(`migration-lens: ${args}\n\n${USAGE}\n`);
    return 2;
  }
  const roots = (args.paths.length > 0 ? args.paths : ["."]).map((p) => path.resolve(cwd, p));
  const missing = roots.filter((r) => !fs.existsSync(r));
  if (missing.length > 0) {
    err(`migration-lens: no such file or folder: ${missing.map((m) => path.relative(cwd, m) || m).join(", ")}\n`);
    return 2;
  }
  const workspace = new MigrationWorkspace(new NodeFileHost(), roots);
  workspace.discover();
  const result = workspace.analyze();
  out(args.format === "json" ? JSON.stringify(jsonReport(result, cwd), null, 2) + "\n" : textReport(result, cwd));
  return result.findings.some((f) => f.severity === "error") ? 1 : 0;
}
