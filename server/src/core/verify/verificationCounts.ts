import type { SetVerification } from "./verifySet";

/** What one set's verification comes to, as the CLI and the editor report it. */
export interface VerificationCounts {
  readonly revisions: number;
  /** Revisions whose upgrade ran to the end. */
  readonly verified: number;
  readonly rejected: number;
  /** replay-mismatch, downgrade-mismatch and lock-mismatch findings. */
  readonly mismatches: number;
  readonly notVerified: number;
}

export function verificationCounts(v: SetVerification): VerificationCounts {
  const count = (...rules: string[]): number => v.findings.filter((f) => rules.includes(f.rule)).length;
  return { revisions: v.revisions, verified: v.verified, rejected: count("postgres-rejected"), mismatches: count("replay-mismatch", "downgrade-mismatch", "lock-mismatch"), notVerified: v.notVerified };
}
