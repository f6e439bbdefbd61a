import type { Finding } from "../model/findings";
import { runOperationRule } from "../rules/operationRule";
import { OPERATION_RULES } from "../rules/schema";
import { replaySchema } from "../schema/replay";
import type { SchemaState } from "../schema/schemaState";
import type { AnalysisOptions, AnalyzedSet } from "./analyzedSet";

/** Replays the set's upgrades and lets every operation rule judge each step. */
export function schemaFindings(set: AnalyzedSet, initial: SchemaState, options: AnalysisOptions): Finding[] {
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
