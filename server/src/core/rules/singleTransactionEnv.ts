import type { Rule } from "./rule";
import { findSingleTransaction } from "../alembic/envTransaction";
import { LineIndex } from "../text/lineIndex";

export const singleTransactionEnv: Rule = {
  name: "single-transaction-env",
  changeSafety: true,
  severity: "warning",
  description: "env.py runs every migration inside one explicit transaction: one failure rolls back all of them, version table included.",
  check(context) {
    const env = context.set.env;
    if (!env) return;
    const range = findSingleTransaction(env.text, new LineIndex(env.text));
    if (!range) return;
    context.report({
      file: env.path,
      range,
      message:
        "All migrations run inside this one transaction that env.py opens itself: if any fails, every earlier one is rolled back too (alembic_version included), transaction_per_migration has no effect, and autocommit_block() (needed for CREATE INDEX CONCURRENTLY) fails. Open the connection with connect() and let context.begin_transaction() manage transactions.",
    });
  },
};
