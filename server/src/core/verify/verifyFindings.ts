import type { Finding, RelatedLocation, Severity } from "../model/findings";
import type { Range } from "../model/positions";

/**
 * What `verify` reports, by the names used as diagnostic codes and in the README:
 * - `postgres-rejected`: the first statement PostgreSQL refused, with its own message;
 * - `replay-mismatch`: PostgreSQL's catalog after a migration differs from the analysis's replay;
 * - `downgrade-mismatch` (--roundtrip): a downgrade does not leave the catalog its upgrade found;
 * - `not-verified`: what could not be sent to PostgreSQL as written (said once, never guessed).
 */
export type VerifyRule = "postgres-rejected" | "replay-mismatch" | "downgrade-mismatch" | "not-verified";

const SEVERITY: Record<VerifyRule, Severity> = { "postgres-rejected": "error", "replay-mismatch": "warning", "downgrade-mismatch": "warning", "not-verified": "info" };

export function verifyFinding(rule: VerifyRule, file: string, range: Range, message: string, related: readonly RelatedLocation[] = []): Finding {
  return { rule, severity: SEVERITY[rule], file, range, message, related, fixes: [] };
}
