import type { Range } from "../model/positions";
import type { Rule } from "./rule";
import { judgedProblems } from "./sqlProblems";
import { databaseOf } from "../sql/sqlJudge";

export const sqlSyntaxError: Rule = {
  name: "sql-syntax-error",
  severity: "error",
  description:
    "A SQL statement the database rejects (PostgreSQL's own parser judges PostgreSQL statements); the other statements of the migration still count. One the database accepts, or that cannot be judged here, is `sql-not-understood`.",
  check(context) {
    for (const file of context.set.files) {
      for (const { file: at, problem, verdict } of judgedProblems(file, context.options.sqlJudge, context.set.spec.sql?.extendedBy)) {
        if (verdict === undefined) context.report({ file: at, range: problem.range, message: problem.message });
        else if (verdict.kind === "rejected") {
          const where = verdict.offset === undefined ? "" : ` (${position(problem.range, problem.statement?.text ?? "", verdict.offset)})`;
          context.report({ file: at, range: problem.range, message: `${databaseOf(problem.statement?.dialect ?? "postgresql")} rejects this statement: ${verdict.message}${where}.` });
        }
      }
    }
  },
};

/** `line L, column C` of an offset in a statement that starts where `range` does (1-based, as editors count). */
function position(range: Range, statement: string, offset: number): string {
  const before = statement.slice(0, offset).split("\n");
  const line = range.start.line + before.length - 1;
  const column = (before.length === 1 ? range.start.character : 0) + (before[before.length - 1]?.length ?? 0);
  return `line ${line + 1}, column ${column + 1}`;
}
