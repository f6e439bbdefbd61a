import { createHash } from "node:crypto";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import type { AnalysisResult } from "../core/analysis/analyzeSets";
import type { Finding, Fix, Severity } from "../core/model/findings";
import type { Range } from "../core/model/positions";
import { ruleSummaries } from "../core/rules/ruleNames";
import { HOMEPAGE, VERSION, ruleHelpUri } from "./packageInfo";

const SCHEMA = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";
/** Paths are relative to this base, the folder the CLI ran in (the repository's root in CI). */
const SRCROOT = "%SRCROOT%";
const LEVELS: Record<Severity, Sarif.ReportingConfiguration.level> = { error: "error", warning: "warning", info: "note" };

/**
 * A SARIF 2.1.0 log with one run, as code scanning reads it: every rule the analysis has (not only
 * those that fired), and one result per finding with its locations and fixes. Columns are UTF-16
 * code units, SARIF's default and the analysis' own.
 */
export function sarifReport(result: AnalysisResult, cwd: string): Sarif.Log {
  const rules = ruleSummaries();
  const ruleIndex = new Map(rules.map((r, i) => [r.name, i]));
  const driver: Sarif.ToolComponent = {
    name: "migration-lens",
    version: VERSION,
    ...(HOMEPAGE ? { informationUri: HOMEPAGE } : {}),
    rules: rules.map((r) => {
      const helpUri = ruleHelpUri(r.name);
      return { id: r.name, shortDescription: { text: r.description }, ...(helpUri ? { helpUri } : {}), defaultConfiguration: { level: LEVELS[r.severity] } };
    }),
  };
  const artifact = (file: string) => artifactLocation(file, cwd);
  return {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd + path.sep).href } },
        columnKind: "utf16CodeUnits",
        results: result.findings.map((f) => sarifResult(f, ruleIndex.get(f.rule), artifact)),
      },
    ],
  };
}

function sarifResult(f: Finding, index: number | undefined, artifact: (file: string) => Sarif.ArtifactLocation): Sarif.Result {
  const fixes = f.fixes.flatMap((fix) => sarifFix(fix, artifact));
  return {
    ruleId: f.rule,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVELS[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: artifact(f.file), region: region(f.range) } }],
    ...(f.related.length > 0
      ? { relatedLocations: f.related.map((r, id) => ({ id, physicalLocation: { artifactLocation: artifact(r.file), region: region(r.range) }, message: { text: r.message } })) }
      : {}),
    ...(fixes.length > 0 ? { fixes } : {}),
    // Stable across commits that move the finding: code scanning then keeps one alert, not a new one.
    partialFingerprints: { "migrationLensFinding/v1": fingerprint(f, artifact(f.file).uri ?? "") },
  };
}

/**
 * A fix's edits grouped per file. SARIF has no way to say "rename this file", so a fix that renames
 * is left out rather than shown half done.
 */
function sarifFix(fix: Fix, artifact: (file: string) => Sarif.ArtifactLocation): Sarif.Fix[] {
  if (fix.renames?.length) return [];
  const byFile = new Map<string, Sarif.Replacement[]>();
  for (const edit of fix.edits) {
    // A file the fix creates: its whole text inserted at its (empty) beginning.
    const deletedRegion = edit.createFile ? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } : region(edit.range);
    const replacements = byFile.get(edit.file) ?? [];
    replacements.push({ deletedRegion, insertedContent: { text: edit.newText } });
    byFile.set(edit.file, replacements);
  }
  return [{ description: { text: fix.title }, artifactChanges: [...byFile].map(([file, replacements]) => ({ artifactLocation: artifact(file), replacements })) }];
}

/** SARIF lines and columns count from 1. */
function region(r: Range): Sarif.Region {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** Under the current folder: a relative URI on %SRCROOT%; elsewhere, an absolute file URI. */
function artifactLocation(file: string, cwd: string): Sarif.ArtifactLocation {
  const relative = path.relative(cwd, file);
  if (relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

function fingerprint(f: Finding, uri: string): string {
  return createHash("sha256").update(`${f.rule}\0${uri}\0${f.message}`).digest("hex").slice(0, 32);
}
