import type { OperationRule } from "../operationRule";
import { tableKey } from "../../schema/schemaState";
import { indexKey } from "../../schema/applyOperation";

export const dropIndex: OperationRule = {
  name: "drop-index",
  severity: "warning",
  nonAdditive: true,
  description: "Dropping an index can make queries that relied on it slow.",
  checkOperation({ step, report }) {
    const op = step.op;
    if (op.kind !== "drop_index") return;
    const owner = step.before.indexOwners.get(indexKey(op.schema ?? op.table?.schema, op.name)) ?? (op.table ? tableKey(op.table) : undefined);
    if (owner !== undefined && step.newTables.has(owner)) return;
    report({ message: `Drops index '${op.name}': not additive; queries that relied on it may become slow.` });
  },
};
