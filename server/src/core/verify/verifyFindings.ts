import type { Finding, RelatedLocation, Severity } from "../model/findings";
import type { Range } from "../model/positions";

/**
 * What `verify` reports, by the names used as diagnostic codes and in the README:
 * - `postgres-rejected`: the first statement PostgreSQL refused, with its own message;
 * - `replay-mismatch`: PostgreSQL's catalog after a migration differs from the analysis's replay;
 * - `downgrade-mismatch` (--roundtrip): a downgrade does not leave the catalog its upgrade found;
 * - `lock-trace` (--locks): the locks a statement took on a table that existed before its migration, and whether it was rewritten;
 * - `lock-mismatch` (--locks): where the static locking rules said otherwise;
 * - `not-verified`: what could not be sent to PostgreSQL as written (said once, never guessed).
 */
export type VerifyRule = "postgres-rejected" | "replay-mismatch" | "downgrade-mismatch" | "lock-trace" | "lock-mismatch" | "not-verified";

const SEVERITY: Record<VerifyRule, Severity> = {
  "postgres-rejected": "error",
  "replay-mismatch": "warning",
  "downgrade-mismatch": "warning",
  "lock-mismatch": "warning",
  "lock-trace": "info",
  "not-verified": "info",
};

export function verifyFinding(rule: VerifyRule, file: string, range: Range, message: string, related: readonly RelatedLocation[] = []): Finding {
  return { rule, severity: SEVERITY[rule], file, range, message, related, fixes: [] };
}
