import * as path from "node:path";
import type { AnalysisOptions, AnalyzedSet } from "../analysis/analyzedSet";
import type { Finding, Severity } from "../model/findings";
import type { ReplayStep } from "../schema/replay";
import type { ReportInput } from "./rule";
import type { LockOf } from "./schema/tableLock";

export interface OperationRuleContext {
  readonly step: ReplayStep;
  readonly set: AnalyzedSet;
  readonly options: AnalysisOptions;
  /** Reports on the migration file, at the operation unless a range is given. */
  report(input: Omit<ReportInput, "file" | "range"> & Partial<Pick<ReportInput, "file" | "range">>): void;
  display(file: string): string;
}

/** A rule that judges each upgrade operation against the schema replayed up to it. */
export interface OperationRule {
  readonly name: string;
  readonly severity: Severity;
  readonly description: string;
  /** Not additive: `additive = true` makes it an error. */
  readonly nonAdditive?: boolean;
  /** Judges how safe a change is: with `scope = "branch"` only the migrations a branch adds are judged. */
  readonly changeSafety?: boolean;
  /** The PostgreSQL lock the operations it reports take (read by the migration notes). */
  readonly lock?: LockOf;
  checkOperation(context: OperationRuleContext): void;
}

export function runOperationRule(rule: OperationRule, set: AnalyzedSet, options: AnalysisOptions, step: ReplayStep, into: Finding[]): void {
  rule.checkOperation({
    step,
    set,
    options,
    report: (input) =>
      into.push({
        rule: rule.name,
        severity: rule.severity,
        file: input.file ?? step.file.path,
        range: input.range ?? step.op.nameRange ?? step.op.range,
        message: input.message,
        related: input.related ?? [],
        fixes: input.fixes ?? [],
      }),
    display: (file) => path.relative(set.spec.root, file) || path.basename(file),
  });
}
