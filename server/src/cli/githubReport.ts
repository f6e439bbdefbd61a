import * as path from "node:path";
import type { AnalysisResult } from "../core/analysis/analyzeSets";
import type { Severity } from "../core/model/findings";

/** GitHub Actions' annotation commands: `info` findings become notices. */
const COMMANDS: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/**
 * One workflow command per finding (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=rule::message`),
 * which GitHub Actions shows as annotations on the pull request's files. Paths are relative to the
 * current folder: run it from the repository's root.
 */
export function githubReport(result: AnalysisResult, cwd: string): string {
  return result.findings
    .map((f) => {
      const file = (path.relative(cwd, f.file) || f.file).split(path.sep).join("/");
      const { start, end } = f.range;
      const properties = [`file=${property(file)}`, `line=${start.line + 1}`, `col=${start.character + 1}`, `endLine=${end.line + 1}`, `endColumn=${end.character + 1}`, `title=${property(f.rule)}`];
      return `::${COMMANDS[f.severity]} ${properties.join(",")}::${data(f.message)}\n`;
    })
    .join("");
}

/** The escaping GitHub's runner undoes in a command's message. */
function data(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** The escaping of a command's property values, which also may not hold `:` or `,`. */
function property(text: string): string {
  return data(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
