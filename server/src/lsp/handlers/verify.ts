import type { CancellationToken, Connection } from "vscode-languageserver";
import { VerifyProgressNotification, type VerifyParams, type VerifyResult } from "../../protocol";
import { verificationCounts } from "../../core/verify/verificationCounts";
import { unverifiableSet } from "../../core/verify/revisionScript";
import { verifySet } from "../../core/verify/verifySet";
import type { Finding } from "../../core/model/findings";
import { PgliteDatabases } from "../../node/pgliteDatabases";
import type { Session } from "../session";

/**
 * "Verify on PostgreSQL": each set (or the one asked for) run on an embedded PostgreSQL, with
 * progress sent as it goes and the client's cancel honoured between revisions. The findings
 * are shown (source PostgreSQL) until their file changes from the text that was verified.
 */
export async function verify(session: Session, connection: Connection, params: VerifyParams, token: CancellationToken): Promise<VerifyResult> {
  const started = performance.now();
  const result = session.current();
  // The texts verified: an edit made while it runs makes its findings stale at once.
  const texts = new Map(result.sets.flatMap((set) => set.files.map((file) => [file.path, file.text] as const)));
  const databases = new PgliteDatabases();
  const findings: Finding[] = [];
  const sets: VerifyResult["sets"][number][] = [];
  let cancelled = false;
  try {
    for (const set of result.sets.filter((s) => params.root === undefined || s.spec.root === params.root)) {
      const skipped = unverifiableSet(set);
      if (skipped) {
        sets.push({ root: set.spec.root, revisions: set.graph.order.length, verified: 0, rejected: 0, mismatches: 0, notVerified: 0, skipped });
        continue;
      }
      const v = await verifySet(set, databases, {
        roundtrip: params.roundtrip === true,
        findings: result.findings,
        read: (file) => session.host.readFile(file),
        cancelled: () => token.isCancellationRequested,
        onProgress: (done, total) => void connection.sendNotification(VerifyProgressNotification, { root: set.spec.root, done, total }),
      });
      findings.push(...v.findings);
      sets.push({ root: set.spec.root, ...verificationCounts(v) });
      if (v.cancelled) {
        cancelled = true;
        break;
      }
    }
  } finally {
    await databases.dispose();
  }
  session.showVerified(findings, (file) => (texts.has(file) ? texts.get(file) : session.host.readFile(file)));
  return { database: databases.description, sets, cancelled, milliseconds: Math.round(performance.now() - started) };
}
