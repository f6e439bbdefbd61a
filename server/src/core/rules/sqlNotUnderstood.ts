import type { Rule } from "./rule";
import { judgedProblems } from "./sqlProblems";
import { databaseOf } from "../sql/sqlJudge";

export const sqlNotUnderstood: Rule = {
  name: "sql-not-understood",
  severity: "info",
  description:
    "Statements the analysis could not read, though the database accepts them (or no parser here can judge them: a template, MySQL): what they do to the schema is not known, and nothing is claimed about the tables they touch. Said once per file.",
  check(context) {
    for (const file of context.set.files) {
      const unread = judgedProblems(file, context.options.sqlJudge, context.set.spec.sql?.extendedBy).filter((p) => p.verdict !== undefined && p.verdict.kind !== "rejected");
      const first = unread[0];
      const verdict = first?.verdict;
      if (!first || !verdict || verdict.kind === "rejected") continue;
      const database = databaseOf(first.problem.statement?.dialect ?? "postgresql");
      const why = verdict.kind === "accepted" ? `${database} accepts it, but the analysis's SQL parser does not read it` : verdict.why;
      const more = unread.length > 1 ? ` (and ${unread.length - 1} more statement(s) in this file)` : "";
      context.report({
        file: first.file,
        range: first.problem.range,
        message: `This statement was not read${more}: ${why}. What it does to the schema is not known, so nothing is claimed about the tables it touches.`,
      });
    }
  },
};
