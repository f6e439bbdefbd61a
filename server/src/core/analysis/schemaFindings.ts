import type { Finding } from "../model/findings";
import { runOperationRule } from "../rules/operationRule";
import { OPERATION_RULES } from "../rules/schema";
import { replaySchema, type ReplayStep } from "../schema/replay";
import type { SchemaState } from "../schema/schemaState";
import { declaredInitialSchema, historyStartTables, initialSchemaOf } from "../schema/initialSchema";
import { neverCreatedCollector, neverCreatedKnown, rememberNeverCreated } from "../schema/neverCreated";
import type { AnalysisOptions, AnalyzedSet } from "./analyzedSet";

/**
 * Replays the set's upgrades and lets every operation rule judge each step. When the base moved
 * on since the branch forked, the history replayed is the one the merge will leave: the branch's
 * migrations are judged after what the base added, and the base's own files are not reported here.
 */
export function schemaFindings(set: AnalyzedSet, options: AnalysisOptions): Finding[] {
  const merged = set.branch?.merged;
  if (merged?.alembic) {
    const fromBase = merged.fromBase;
    return replayFindings({ ...set, files: merged.alembic.files, graph: merged.alembic.graph }, initialSchemaOf(set), options).filter((f) => !fromBase.has(f.file));
  }
  if (neverCreatedKnown(set)) return replayFindings(set, initialSchemaOf(set), options);
  // Most histories create every table they use: then the schema they start from is the declared
  // one, and one replay both judges the steps and finds the tables never created.
  const collector = neverCreatedCollector();
  const findings = replayFindings(set, declaredInitialSchema(set), options, collector.onStep);
  rememberNeverCreated(set, collector.tables());
  return historyStartTables(set) === undefined ? findings : replayFindings(set, initialSchemaOf(set), options);
}

function replayFindings(set: AnalyzedSet, initial: SchemaState, options: AnalysisOptions, alsoOnStep?: (step: ReplayStep) => void): Finding[] {
  const findings: Finding[] = [];
  replaySchema(set, {
    initial,
    dialect: set.settings.dialect,
    onStep: (step) => {
      alsoOnStep?.(step);
      for (const rule of OPERATION_RULES) runOperationRule(rule, set, options, step, findings);
    },
  });
  return findings;
}
