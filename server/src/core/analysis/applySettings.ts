import type { Settings } from "../config/settings";
import type { Finding } from "../model/findings";
import { OPERATION_RULES } from "../rules/schema";

const NON_ADDITIVE = new Set(OPERATION_RULES.filter((r) => r.nonAdditive).map((r) => r.name));

/**
 * Configured severities: a rule set to "off" disappears, any other setting replaces the
 * default; with `additive = true` every non-additive rule not configured otherwise is an error.
 */
export function applySettings(findings: readonly Finding[], settings: Settings): Finding[] {
  return findings.flatMap((finding) => {
    const configured = settings.rules[finding.rule];
    if (configured === "off") return [];
    if (configured) return [{ ...finding, severity: configured }];
    if (settings.additive && NON_ADDITIVE.has(finding.rule)) {
      return [{ ...finding, severity: "error" as const, message: `${finding.message} (additive = true: every migration must be additive)` }];
    }
    return [finding];
  });
}
