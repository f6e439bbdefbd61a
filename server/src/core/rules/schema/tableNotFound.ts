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
    if (!table || step.op.guarded || step.op.tableGuarded || tableExists(step.before, table) || step.before.dropped.has(tableKey(table))) return;
    // An earlier step the analysis could not read may have created it.
    if (step.before.incomplete || step.before.unreadCreates) return;
    // So may an operation on a table named at run time, if its name could be this one.
    if (step.before.mayHaveBeen("exist", table)) return;
    report({
      range: step.op.tableRange ?? step.op.nameRange ?? step.op.range,
      message: `No earlier migration creates table ${describe(table)}, and it is not declared external: on a fresh database this fails with 'relation "${displayName(table)}" does not exist'. (Reported once: later operations on it are not.)`,
      fixes: [declareExternalFix(set, displayName(table), options.host, options.roots)],
    });
  },
};
