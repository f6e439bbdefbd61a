import type { OperationRule } from "../operationRule";
import { describe, requiredTable, tableExists } from "./tableReferences";
import { declareExternalFix } from "./externalTableFix";
import { tableKey, displayName } from "../../schema/schemaState";

export const tableNotFound: OperationRule = {
  name: "table-not-found",
  severity: "error",
  description: "An operation on a table that no earlier migration creates and that is not declared external.",
  checkOperation({ step, set, options, report }) {
    const table = requiredTable(step.op);
    if (!table || step.op.guarded || tableExists(step.before, table) || step.before.dropped.has(tableKey(table))) return;
    if (step.before.incomplete) return;
    report({
      message: `No earlier migration creates table ${describe(table)}, and it is not declared external: on a fresh database this fails with 'relation "${displayName(table)}" does not exist'.`,
      fixes: [declareExternalFix(set, displayName(table), options.host)],
    });
  },
};
