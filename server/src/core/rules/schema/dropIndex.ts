import type { OperationRule } from "../operationRule";
import { tableKey } from "../../schema/schemaState";
import { indexKey } from "../../schema/applyOperation";
import { indexProvenAbsent } from "./indexNotFound";
import { BRIEF_EXCLUSIVE } from "./tableLock";

export const dropIndex: OperationRule = {
  name: "drop-index",
  changeSafety: true,
  severity: "warning",
  nonAdditive: true,
  description: "Dropping an index can make queries that relied on it slow.",
  lock: (op) => (op.kind === "drop_index" && op.concurrently ? undefined : BRIEF_EXCLUSIVE(op)),
  checkOperation({ step, report }) {
    const op = step.op;
    // An index proven absent drops nothing (index-not-found reports it unless IF EXISTS guards it).
    if (op.kind !== "drop_index" || indexProvenAbsent(step, op, true)) return;
    const owner = step.before.indexOwners.get(indexKey(op.schema ?? op.table?.schema, op.name)) ?? (op.table ? tableKey(op.table) : undefined);
    if (owner !== undefined && step.newTables.has(owner)) return;
    report({ message: `Drops index '${op.name}': not additive; queries that relied on it may become slow.` });
  },
};
