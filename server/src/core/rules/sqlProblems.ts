import type { RevisionFile } from "../alembic/revisionFile";
import type { OperationProblem } from "../schema/operations";
import { verdictOf, type SqlJudge, type SqlVerdict } from "../sql/sqlJudge";

export interface JudgedProblem {
  readonly file: string;
  readonly problem: OperationProblem;
  /** Undefined when no judge could be asked: the analysis's own parser decides. */
  readonly verdict: SqlVerdict | undefined;
}

/** Every statement of a migration (both directions) the analysis could not parse, with the database's verdict. */
export function judgedProblems(file: RevisionFile, judge: SqlJudge | undefined): JudgedProblem[] {
  return [file.upgrade, file.downgrade].flatMap((block) =>
    (block?.problems ?? []).map((problem) => ({ file: block?.file ?? file.path, problem, verdict: verdictOf(problem, judge) })),
  );
}
