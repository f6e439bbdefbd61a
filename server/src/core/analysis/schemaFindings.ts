import type { Finding } from "../model/findings";
import { runOperationRule } from "../rules/operationRule";
import { OPERATION_RULES } from "../rules/schema";
import { replaySteps, type ReplayStep } from "../schema/replay";
import type { Steps } from "../steps";
import type { SchemaState } from "../schema/schemaState";
import { declaredInitialSchema, historyStartTables, initialSchemaOf } from "../schema/initialSchema";
import { neverCreatedKnown, rememberNeverCreated } from "../schema/neverCreated";
import { replayDeclared } from "./replayMemo";
import type { AnalysisOptions, AnalyzedSet } from "./analyzedSet";

/**
 * Replays the set's upgrades and lets every operation rule judge each step. When the base moved
 * on since the branch forked, the history replayed is the one the merge will leave: the branch's
 * migrations are judged after what the base added, and the base's own files are not reported here.
 */
export function* schemaFindings(set: AnalyzedSet, options: AnalysisOptions): Steps<Finding[]> {
  const merged = set.branch?.merged;
  if (merged?.alembic) {
    const fromBase = merged.fromBase;
    return (yield* replayFindings({ ...set, files: merged.alembic.files, graph: merged.alembic.graph }, initialSchemaOf(set), options)).filter((f) => !fromBase.has(f.file));
  }
  if (neverCreatedKnown(set)) return yield* replayFindings(set, initialSchemaOf(set), options);
  // Most histories create every table they use: then the schema they start from is the declared
  // one, and one replay both judges the steps and finds the tables never created.
  const { findings, neverCreated } = yield* replayDeclared(set, declaredInitialSchema(set), options, (step, into) => judge(set, options, step, into), options.replayMemos);
  rememberNeverCreated(set, neverCreated);
  return historyStartTables(set) === undefined ? findings : yield* replayFindings(set, initialSchemaOf(set), options);
}

function* replayFindings(set: AnalyzedSet, initial: SchemaState, options: AnalysisOptions): Steps<Finding[]> {
  const findings: Finding[] = [];
  yield* replaySteps(set, { initial, dialect: set.settings.dialect, onStep: (step) => judge(set, options, step, findings) });
  return findings;
}

function judge(set: AnalyzedSet, options: AnalysisOptions, step: ReplayStep, into: Finding[]): void {
  for (const rule of OPERATION_RULES) runOperationRule(rule, set, options, step, into);
}
