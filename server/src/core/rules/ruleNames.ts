import { RULES } from ".";
import { OPERATION_RULES } from "./schema";
import { editDistance } from "./closestRevision";
import type { Severity } from "../model/findings";

/** What a report says about a rule, whether or not it fired. */
export interface RuleSummary {
  readonly name: string;
  readonly severity: Severity;
  readonly description: string;
}

/** Every rule the analysis has, in the order findings are listed. */
export function ruleSummaries(): readonly RuleSummary[] {
  return [...RULES, ...OPERATION_RULES];
}

/** Every rule's stable name, as configuration and suppressions write it. */
export function ruleNames(): readonly string[] {
  return ruleSummaries().map((r) => r.name);
}

/** What is wrong with a configured rule name: nothing (undefined) when a rule has it. */
export function unknownRuleProblem(name: string): string | undefined {
  if (ruleNames().includes(name)) return undefined;
  const closest = closestRuleName(name);
  return `rules.${name} names no rule${closest ? ` (did you mean '${closest}'?)` : ""}, so the setting has no effect`;
}

/** The rule name closest to a misspelt one, when one is close enough to be what was meant. */
export function closestRuleName(written: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of ruleNames()) {
    const distance = editDistance(written, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(written.length / 3)) ? best.name : undefined;
}
