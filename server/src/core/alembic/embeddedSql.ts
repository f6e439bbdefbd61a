import { DIALECTS } from "../config/settings";
import type { SqlToOperations } from "../schema/sqlContract";
import { sqlToOperations } from "../sql/sqlToOperations";
import { maskBindParameters } from "./bindParameters";

/**
 * SQL inside Python migrations, its bind parameters masked. SQL that fails in the configured
 * dialect but is valid in another is read in that one: the project may run on that database
 * (alembic.ini often has no URL), or keep it under a dialect test the analysis did not decide.
 */
export const embeddedSqlToOperations: SqlToOperations = (written, options) => {
  const sql = maskBindParameters(written, options.dialect);
  const result = sqlToOperations(sql, options);
  if (result.problems.length === 0) return result;
  for (const other of DIALECTS.filter((d) => d !== options.dialect)) {
    const alternative = sqlToOperations(sql, { ...options, dialect: other });
    // Valid there: the project runs on that database, or this is that database's branch of a
    // dialect test (whose operations are then guarded alternatives). Either way, read it so.
    if (alternative.problems.length === 0) return alternative;
  }
  return result;
};
