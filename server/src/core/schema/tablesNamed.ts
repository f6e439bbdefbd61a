import type { Operation, QualifiedName } from "./operations";
import { foreignKeyTargets, requiredTable } from "./requiredTable";

/**
 * The tables an operation reads or changes, found by the names it is written with. Undefined
 * when it may read or change tables it does not name: types and sequences (their columns),
 * functions, views, an index named alone, SQL that was not read, data changes on unknown tables.
 */
export function tablesNamed(op: Operation): QualifiedName[] | undefined {
  const targets = foreignKeyTargets(op).map((target) => target.table);
  switch (op.kind) {
    case "create_table":
      return [op.table, ...targets, ...(op.partitionOf ? [op.partitionOf.parent] : [])];
    case "rename_table":
      return [op.table, { ...op.table, name: op.newName }];
    case "rename_constraint":
      return [op.table];
    case "drop_index":
      return op.table ? [op.table] : undefined;
  }
  const table = requiredTable(op);
  return table ? [table, ...targets] : undefined;
}
