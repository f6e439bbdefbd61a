import * as path from "node:path";
import type { AnalysisOptions, AnalyzedSet } from "../analysis/analyzedSet";
import type { Finding, Fix, RelatedLocation, Severity } from "../model/findings";
import type { Range } from "../model/positions";

export interface ReportInput {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
}

export interface RuleContext {
  readonly set: AnalyzedSet;
  readonly options: AnalysisOptions;
  report(input: ReportInput): void;
  /** A file's path as messages show it: relative to the set's root. */
  display(file: string): string;
}

/** One check. `name` is the stable diagnostic code used in docs and suppression comments. */
export interface Rule {
  readonly name: string;
  readonly severity: Severity;
  readonly description: string;
  /** Judges how safe a change is: with `scope = "branch"` only the migrations a branch adds are judged. */
  readonly changeSafety?: boolean;
  check(context: RuleContext): void;
}

export function runRule(rule: Rule, set: AnalyzedSet, options: AnalysisOptions): Finding[] {
  const findings: Finding[] = [];
  rule.check({
    set,
    options,
    report: (input) =>
      findings.push({
        rule: rule.name,
        severity: rule.severity,
        file: input.file,
        range: input.range,
        message: input.message,
        related: input.related ?? [],
        fixes: input.fixes ?? [],
      }),
    display: (file) => path.relative(set.spec.root, file) || path.basename(file),
  });
  return findings;
}

export function quoteList(items: readonly string[]): string {
  const quoted = items.map((i) => `'${i}'`);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}
