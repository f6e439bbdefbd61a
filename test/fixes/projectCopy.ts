import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MigrationWorkspace } from "../../server/src/core/analysis/workspace";
import type { AnalysisResult } from "../../server/src/core/analysis/analyzeSets";
import { NodeFileHost } from "../../server/src/node/nodeFileHost";
import { NodeGitHost } from "../../server/src/node/nodeGitHost";
import { readBranchStates } from "../../server/src/core/git/branchStates";
import type { SqlJudge } from "../../server/src/core/sql/sqlJudge";
import { jsonReport } from "../../server/src/cli/jsonReport";
import type { JsonFix } from "./applyJsonFix";

export interface JsonDiagnostic {
  readonly rule: string;
  readonly severity: string;
  readonly file: string;
  readonly line: number;
  readonly message: string;
  readonly fixes: readonly JsonFix[];
}

/** A fixture copied to a temp folder (outside any git repository: every migration is judged). */
export function copyProject(from: string): string {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), "ml-fix-"));
  fs.cpSync(from, to, { recursive: true, filter: (source) => path.basename(source) !== "expected.txt" });
  return to;
}

/** The analysis of a folder and the CLI's JSON of it, paths relative to the folder. */
export function analyzeProject(root: string, sqlJudge: SqlJudge): { result: AnalysisResult; diagnostics: JsonDiagnostic[] } {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [root], { now: () => new Date(2025, 0, 1, 12, 0, 0), sqlJudge });
  workspace.discover();
  return report(workspace.analyze(), root);
}

/** The same in a git repository, as the CLI runs it there: the branch compared with its base. */
export async function analyzeBranch(root: string, sqlJudge: SqlJudge): Promise<{ result: AnalysisResult; diagnostics: JsonDiagnostic[] }> {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [root], { now: () => new Date(2025, 0, 1, 12, 0, 0), sqlJudge });
  workspace.discover();
  const branches = await readBranchStates(new NodeGitHost(), workspace.branchRequests());
  return report(workspace.analyze((spec) => branches.get(spec)), root);
}

function report(result: AnalysisResult, root: string): { result: AnalysisResult; diagnostics: JsonDiagnostic[] } {
  const json = jsonReport(result, root) as { diagnostics: JsonDiagnostic[] };
  return { result, diagnostics: json.diagnostics };
}
