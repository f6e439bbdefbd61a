import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";
import { onExistingTable } from "./newTables";
import { columnsExist } from "./columnsExist";
import { widensWithoutRewrite } from "./typeWidening";

export const changeColumnType: OperationRule = {
  name: "change-column-type",
  changeSafety: true,
  severity: "warning",
  nonAdditive: true,
  description: "Changing a column's type rewrites the table under a lock and may fail on existing data.",
  lock: () => ({ mode: "ACCESS EXCLUSIVE", blocks: "reads and writes", during: "rewrite" }),
  checkOperation({ step, report }) {
    const op = step.op;
    if (op.kind !== "alter_column" || op.type === undefined || !onExistingTable(step, op.table) || !columnsExist(step, op.table, [op.column])) return;
    const current = step.before.table(op.table)?.columns.get(op.column)?.type ?? op.existingType;
    if (current !== undefined && normalize(current) === normalize(op.type)) return;
    // Widening on PostgreSQL keeps every value and the table's storage: nothing to warn about.
    if (current !== undefined && step.dialect === "postgresql" && !op.using && widensWithoutRewrite(current, op.type)) return;
    report({
      message: `Changes the type of '${op.column}' on ${describe(op.table)}${current ? ` from ${current}` : ""} to ${op.type}: not additive; the table is rewritten under an exclusive lock and existing values may not convert.`,
    });
  },
};

/** Spellings of one type compare equal: `integer`/`int`/`int4`, MySQL display widths (`int(11)`). */
function normalize(type: string): string {
  const compact = type.toLowerCase().replace(/\s+/g, "");
  const aliases: Record<string, string> = { integer: "int", int4: "int", int8: "bigint", int2: "smallint", bool: "boolean", float8: "doubleprecision", "character varying": "varchar" };
  const withoutWidth = compact.replace(/^(tinyint|smallint|mediumint|int|integer|bigint)\(\d+\)/, "$1");
  return aliases[withoutWidth] ?? withoutWidth;
}
