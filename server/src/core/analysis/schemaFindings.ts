import type { Finding } from "../model/findings";
import { runOperationRule } from "../rules/operationRule";
import { OPERATION_RULES } from "../rules/schema";
import { replaySchema } from "../schema/replay";
import type { SchemaState } from "../schema/schemaState";
import type { AnalysisOptions, AnalyzedSet } from "./analyzedSet";

/**
 * Replays the set's upgrades and lets every operation rule judge each step. When the base moved
 * on since the branch forked, the history replayed is the one the merge will leave: the branch's
 * migrations are judged after what the base added, and the base's own files are not reported here.
 */
export function schemaFindings(set: AnalyzedSet, initial: SchemaState, options: AnalysisOptions): Finding[] {
  const merged = set.branch?.merged;
  if (merged?.alembic) {
    const fromBase = merged.fromBase;
    return replayFindings({ ...set, files: merged.alembic.files, graph: merged.alembic.graph }, initial, options).filter((f) => !fromBase.has(f.file));
  }
  return replayFindings(set, initial, options);
}

function replayFindings(set: AnalyzedSet, initial: SchemaState, options: AnalysisOptions): Finding[] {
  const findings: Finding[] = [];
  replaySchema(set, {
    initial,
    dialect: set.settings.dialect,
    onStep: (step) => {
      for (const rule of OPERATION_RULES) runOperationRule(rule, set, options, step, findings);
    },
  });
  return findings;
}
