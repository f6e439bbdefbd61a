import type { RevisionFile } from "../alembic/revisionFile";
import type { OperationProblem } from "../schema/operations";
import { verdictOf, type SqlJudge, type SqlVerdict } from "../sql/sqlJudge";

export interface JudgedProblem {
  readonly file: string;
  readonly problem: OperationProblem;
  /** Undefined when no judge could be asked: the analysis's own parser decides. */
  readonly verdict: SqlVerdict | undefined;
}

/**
 * Every statement of a migration (both directions) the analysis could not parse, with the
 * database's verdict. A set written for a database that extends the dialect (libSQL) cannot be
 * rejected by the dialect's parser.
 */
export function judgedProblems(file: RevisionFile, judge: SqlJudge | undefined, extendedBy: string | undefined): JudgedProblem[] {
  // Most files have none: asked of every file on every analysis.
  if (!file.upgrade?.problems.length && !file.downgrade?.problems.length) return [];
  return [file.upgrade, file.downgrade].flatMap((block) =>
    (block?.problems ?? []).map((problem) => {
      const verdict = verdictOf(problem, judge);
      const judged: SqlVerdict | undefined = verdict?.kind === "rejected" && extendedBy ? { kind: "unknown", why: `${extendedBy} extends this dialect's syntax, which its parser alone cannot judge` } : verdict;
      return { file: block?.file ?? file.path, problem, verdict: judged };
    }),
  );
}
