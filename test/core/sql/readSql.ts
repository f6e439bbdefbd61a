import { sqlToOperations } from "../../../server/src/core/sql/sqlToOperations";
import type { SqlDialect } from "../../../server/src/core/schema/sqlContract";
import type { Range } from "../../../server/src/core/model/positions";
import { LineIndex } from "../../../server/src/core/text/lineIndex";

/**
 * Reads SQL and shows each operation with its ranges as the text they cover, so a test states
 * whole operations readably: `{ kind: "drop_table", …, range: "DROP TABLE a", nameRange: "a" }`.
 */
export function readSql(sql: string, dialect: SqlDialect = "postgresql") {
  const lines = new LineIndex(sql);
  const textOf = (range: Range): string => sql.slice(lines.offset(range.start), lines.offset(range.end));
  const result = sqlToOperations(sql, { dialect, at: (from, to) => lines.range(from, to) });
  return {
    // tableRange (the table of an index) and an added column's or constraint's definition are checked where they matter, not in every operation.
    operations: result.operations.map(({ range, nameRange, tableRange: _table, ...op }) => {
      const { definition: _definition, ...rest } = op as typeof op & { definition?: unknown };
      return { ...rest, range: textOf(range), ...(nameRange ? { nameRange: textOf(nameRange) } : {}) };
    }),
    problems: result.problems.map((p) => ({ ...p, range: textOf(p.range) })),
  };
}

/** Only what the operations are, without where. */
export function kindsOf(sql: string, dialect: SqlDialect = "postgresql"): unknown[] {
  return readSql(sql, dialect).operations.map(({ range: _range, nameRange: _name, ...rest }) => rest);
}
