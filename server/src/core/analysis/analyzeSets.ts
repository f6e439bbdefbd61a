import type { RevisionFile } from "../alembic/revisionFile";
import type { MigrationSetSpec } from "../discovery/migrationSet";
import { memoizedRevisionGraph } from "../graph/graphMemo";
import { setKey } from "../discovery/migrationSet";
import type { Finding } from "../model/findings";
import { comparePositions } from "../model/positions";
import { RULES } from "../rules";
import { runRule } from "../rules/rule";
import { isSuppressed, NO_SUPPRESSIONS, type Suppressions } from "../suppressions";
import type { AnalysisOptions, AnalyzedSet, NotTextFile } from "./analyzedSet";
import type { Settings } from "../config/settings";
import type { Operation } from "../schema/operations";
import { displayName } from "../schema/schemaState";
import { schemaFindings } from "./schemaFindings";
import { applySettings } from "./applySettings";
import { judgedAsChange, type SetBranch } from "./setBranch";
import { CHANGE_SAFETY_RULES } from "../rules/changeSafety";
import { withOtherDatabase } from "./otherDatabaseSets";
import { runSteps, type Steps } from "../steps";

export interface AnalysisResult {
  readonly sets: readonly AnalyzedSet[];
  /** Findings ordered by file, then position. */
  readonly findings: readonly Finding[];
  /** Every file the analysis read: revision files and the config files sets come from. */
  readonly files: readonly string[];
}

/** A file in a version folder is a revision when it assigns a header variable or defines upgrade/downgrade. */
export function isRevision(file: RevisionFile): boolean {
  return file.revision !== undefined || file.downRevision !== undefined || file.definesMigrationFunctions;
}

export interface SetInput {
  readonly spec: MigrationSetSpec;
  readonly files: readonly RevisionFile[];
  readonly settings: Settings;
  /** The baseline's operations, read from the configured SQL file. */
  readonly baseline?: { readonly file: string; readonly operations: readonly Operation[] };
  /** Problems in the configuration file, reported on it. */
  readonly configProblems?: readonly Finding[];
  /** The set's env.py, for the rules that read how migrations are run. */
  readonly env?: { readonly path: string; readonly text: string };
  /** What the git branch adds to the set; absent when git was not asked. */
  readonly branch?: SetBranch;
  /** Python distributions the project declares: frameworks among them bring tables of their own. */
  readonly declaredPackages?: readonly string[];
  /** Migration files that exist but are not text. */
  readonly notText?: readonly NotTextFile[];
}

/** The pure heart of the analysis: parsed files per set in, graphs and findings out. */
export function analyzeSets(given: readonly SetInput[], options: AnalysisOptions): AnalysisResult {
  return runSteps(analysisSteps(given, options));
}

/** analyzeSets, pausing after each revision replayed and each rule run. */
export function* analysisSteps(given: readonly SetInput[], options: AnalysisOptions): Steps<AnalysisResult> {
  const inputs = given.map(withOtherDatabase);
  // Only other sets' tables are read: a lone set (most workspaces) need not list its own on every edit.
  const created = inputs.length < 2 ? [] : inputs.map((input) => new Set(input.files.flatMap((f) => (f.upgrade?.operations ?? []).flatMap((op) => (op.kind === "create_table" ? [displayName(op.table)] : [])))));
  const sets: AnalyzedSet[] = inputs.map(({ spec, files, settings, baseline, env, branch, declaredPackages, notText }, i) => ({
    spec,
    files,
    ...(notText ? { notText } : {}),
    settings,
    baseline,
    env,
    ...(branch ? { branch } : {}),
    declaredPackages,
    siblingTables: [...new Set(created.flatMap((tables, j) => (j === i ? [] : [...tables])))],
    graph: memoizedRevisionGraph(files, options.graphMemos, setKey(spec)),
  }));
  // Only files with directives: most have none, and this runs over a whole history on every edit.
  const suppressionsByFile = new Map<string, Suppressions>();
  for (const set of sets) for (const f of set.files) if (f.suppressions.fileRules.size > 0 || f.suppressions.lineRules.size > 0) suppressionsByFile.set(f.path, f.suppressions);
  let judged: Finding[] = [];
  for (const [i, set] of sets.entries()) {
    // The replay first: it also finds the tables the history never creates, which rules ask for.
    const replayed = yield* schemaFindings(set, options);
    let raw: Finding[] = [];
    for (const rule of RULES) {
      raw = raw.concat(runRule(rule, set, options));
      yield;
    }
    // scope = branch: migrations that already ran are not judged for safety again.
    const scoped = raw.concat(replayed).filter((f) => set.settings.scope === "all" || !CHANGE_SAFETY_RULES.has(f.rule) || judgedAsChange(set.branch, f.file));
    judged = judged.concat(applySettings(scoped, set.settings), inputs[i]!.configProblems ?? []);
  }
  const findings = judged.filter((f) => !isSuppressed(suppressionsByFile.get(f.file) ?? NO_SUPPRESSIONS, f.rule, f.range.start.line));
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : comparePositions(a.range.start, b.range.start)));
  // A file several sets share (pop's generic migrations) is judged once per set: say each thing once.
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = `${f.rule}\u0000${f.file}\u0000${f.range.start.line}:${f.range.start.character}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const paths: string[] = [];
  for (const set of sets) {
    if (set.spec.configFile) paths.push(set.spec.configFile);
    for (const f of set.files) paths.push(f.path);
  }
  return { sets, findings: unique, files: sortedUnique(paths) };
}

/** The last paths given and what sortedUnique made of them: an edit leaves the list of files as it was. */
let lastPaths: { readonly given: readonly string[]; readonly sorted: readonly string[] } | undefined;

/** The paths, each once, sorted; the last answer again when the paths are the same (sorting thousands costs more than comparing them). */
function sortedUnique(paths: readonly string[]): string[] {
  const last = lastPaths;
  if (last && last.given.length === paths.length && last.given.every((p, i) => p === paths[i])) return [...last.sorted];
  const sorted = [...new Set(paths)].sort();
  lastPaths = { given: paths, sorted };
  return [...sorted];
}
