import type { OperationRule } from "../operationRule";
import { indexKey } from "../../schema/applyOperation";
import { insertAt, writtenAsSql } from "./sourceEdits";

export const indexNotFound: OperationRule = {
  name: "index-not-found",
  severity: "error",
  description: "DROP INDEX of an index no earlier migration creates, on a table whose indexes are all known.",
  checkOperation({ step, report }) {
    const op = step.op;
    if (op.kind !== "drop_index" || op.guarded) return;
    if (step.before.incomplete) return;
    if (step.before.indexOwners.has(indexKey(op.schema ?? op.table?.schema, op.name))) return;
    // Only judged when the table is named and fully known: unnamed unique constraints and
    // implicit indexes get names from conventions the analysis does not know.
    const table = op.table && step.before.table(op.table);
    if (!table || !table.columnsKnown) return;
    if (table.constraints.some((c) => c.name === op.name || (c.name === undefined && (c.kind === "unique" || c.kind === "primary_key")))) return;
    if (table.indexes.some((i) => i.name === undefined || i.name === op.name)) return;
    report({
      message: `No earlier migration creates index '${op.name}' on '${table.name.name}': DROP INDEX fails on a fresh database.`,
      fixes: writtenAsSql(step.file, op) && op.nameRange ? [{ title: "Add IF EXISTS", edits: [insertAt(step.file, op.nameRange.start, "IF EXISTS ")] }] : [],
    });
  },
};
