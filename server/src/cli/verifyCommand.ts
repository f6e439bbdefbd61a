import * as path from "node:path";
import type { AnalysisResult } from "../core/analysis/analyzeSets";
import type { VerifyDatabases } from "../core/verify/database";
import { unverifiableSet } from "../core/verify/revisionScript";
import { resolveRevision, verifySet, type SetVerification } from "../core/verify/verifySet";
import { verificationCounts } from "../core/verify/verificationCounts";
import { diagnosticJson } from "./jsonReport";
import { findingLine } from "./textReport";

export interface VerifyArgs {
  readonly to: string | undefined;
  readonly roundtrip: boolean;
  readonly locks: boolean;
  readonly format: "text" | "json";
}

/**
 * `migration-lens verify`: each PostgreSQL set run on a real database, revision by revision.
 * Exit 1 when PostgreSQL rejects a statement or its catalog differs from the replay.
 */
export async function verifyCommand(result: AnalysisResult, databases: VerifyDatabases, args: VerifyArgs, cwd: string, read: (file: string) => string | undefined, now: () => number): Promise<{ output: string; failed: boolean; error?: string }> {
  // A --to that names nothing must not pass as "nothing wrong".
  if (args.to !== undefined && !result.sets.some((set) => resolveRevision(set, args.to as string))) {
    return { output: "", failed: true, error: `no migration set has exactly one revision '${args.to}'` };
  }
  const started = now();
  const runs: { verification: SetVerification; ms: number }[] = [];
  try {
    await verifySets(result, databases, args, read, now, runs);
  } finally {
    await databases.dispose();
  }

  const findings = runs.flatMap((r) => r.verification.findings);
  const failed = findings.some((f) => f.severity !== "info");
  const rel = (file: string): string => path.relative(cwd, file) || ".";
  if (args.format === "json") {
    const report = {
      version: 1,
      database: databases.description,
      sets: runs.map(({ verification: v, ms }) => ({ kind: v.set.spec.kind, root: rel(v.set.spec.root), ...verificationCounts(v), ...(v.skipped ? { skipped: v.skipped } : {}), milliseconds: Math.round(ms) })),
      diagnostics: findings.map((f) => diagnosticJson(f, cwd)),
      milliseconds: Math.round(now() - started),
    };
    return { output: JSON.stringify(report, null, 2) + "\n", failed };
  }
  const lines = findings.map((f) => findingLine(f, cwd));
  for (const { verification: v, ms } of runs) {
    const root = rel(v.set.spec.root);
    if (v.skipped) {
      lines.push(`${root}: not verified, ${v.skipped}.`);
      continue;
    }
    const { rejected, mismatches } = verificationCounts(v);
    lines.push(
      `${root}: ${v.verified} of ${v.revisions} revision(s) ran on ${databases.description}; ${rejected} rejected, ${mismatches} mismatch(es), ${v.notVerified} statement(s) not verified (${seconds(ms)}).`,
    );
  }
  lines.push(`Verified in ${seconds(now() - started)}.`);
  return { output: lines.join("\n") + "\n", failed };
}

async function verifySets(result: AnalysisResult, databases: VerifyDatabases, args: VerifyArgs, read: (file: string) => string | undefined, now: () => number, runs: { verification: SetVerification; ms: number }[]): Promise<void> {
  for (const set of result.sets) {
    const skipped = unverifiableSet(set) ?? (args.to !== undefined && !resolveRevision(set, args.to) ? `it has no revision '${args.to}'` : undefined);
    const setStarted = now();
    const verification: SetVerification = skipped
      ? { set, skipped, revisions: set.graph.order.length, verified: 0, notVerified: 0, findings: [] }
      : await verifySet(set, databases, { ...(args.to !== undefined ? { to: args.to } : {}), roundtrip: args.roundtrip, locks: args.locks, findings: result.findings, read });
    runs.push({ verification, ms: now() - setStarted });
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
