import type { OperationRule } from "../operationRule";
import { indexKey } from "../../schema/applyOperation";
import type { Operation } from "../../schema/operations";
import type { ReplayStep } from "../../schema/replay";
import type { TableState } from "../../schema/schemaState";
import { writtenAsSql } from "./sourceEdits";
import { ifExistsEdit } from "./ifExistsSql";

/**
 * No earlier migration creates the index, judged only when its table is named and fully known:
 * unnamed unique constraints and implicit indexes get names from conventions the analysis does
 * not know, and an operation the analysis could not read (ALTER INDEX ... RENAME) may have made it.
 */
export function indexProvenAbsent(step: ReplayStep, op: Extract<Operation, { kind: "drop_index" }>, evenIfGuarded = false): TableState | undefined {
  if ((!evenIfGuarded && (op.guarded || op.objectGuarded)) || step.before.incomplete || step.before.unreadOperations) return undefined;
  if (step.before.indexOwners.has(indexKey(op.schema ?? op.table?.schema, op.name))) return undefined;
  const table = op.table && step.before.table(op.table);
  if (!table || !table.columnsKnown) return undefined;
  // A primary key's index cannot be dropped with DROP INDEX, so only unnamed unique ones count.
  if (table.constraints.some((c) => c.name === op.name || (c.name === undefined && c.kind === "unique"))) return undefined;
  if (table.indexes.some((i) => i.name === undefined || i.name === op.name)) return undefined;
  // MySQL gives every foreign key an index of its own (named after the constraint, or generated).
  if (step.dialect === "mysql" && table.constraints.some((c) => c.kind === "foreign_key")) return undefined;
  return table;
}

export const indexNotFound: OperationRule = {
  name: "index-not-found",
  severity: "error",
  description: "DROP INDEX of an index no earlier migration creates, on a table whose indexes are all known.",
  checkOperation({ step, set, report }) {
    const op = step.op;
    if (op.kind !== "drop_index") return;
    const table = indexProvenAbsent(step, op);
    if (!table) return;
    // IF EXISTS written into the SQL, or an op.drop_index call (Alembic 1.8 has no if_exists) made that SQL.
    const edit = set.settings.dialect === "postgresql" ? ifExistsEdit(step.file, op, set.settings.dialect, step.file.upgrade?.operations ?? []) : undefined;
    report({
      message: `No earlier migration creates index '${op.name}' on '${table.name.name}': DROP INDEX fails on a fresh database.`,
      fixes: edit ? [{ title: writtenAsSql(step.file, op) ? "Add IF EXISTS" : "Use IF EXISTS SQL through op.execute", edits: [edit] }] : [],
    });
  },
};
