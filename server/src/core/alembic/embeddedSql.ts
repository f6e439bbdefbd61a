import { DIALECTS } from "../config/settings";
import type { SqlToOperations } from "../schema/sqlContract";
import { sqlToOperations } from "../sql/sqlToOperations";

/**
 * SQL inside Python migrations: projects that support several databases keep SQL for each under
 * a dialect test the analysis may not decide. SQL that fails in the configured dialect but is
 * valid in another is taken for that database's branch: not an error, and not replayed.
 */
export const embeddedSqlToOperations: SqlToOperations = (sql, options) => {
  const result = sqlToOperations(sql, options);
  if (result.problems.length === 0) return result;
  for (const other of DIALECTS.filter((d) => d !== options.dialect)) {
    if (sqlToOperations(sql, { ...options, dialect: other }).problems.length > 0) continue;
    const reason = `SQL for ${other} (it does not parse as ${options.dialect}): taken to run only on ${other}`;
    return { operations: [{ kind: "unknown", reason, range: options.at(0, sql.length) }], problems: [] };
  }
  return result;
};
