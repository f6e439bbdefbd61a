import type { OperationRule } from "../operationRule";
import { describe, requiredTable, tableExists } from "./tableReferences";
import { declareExternalFix } from "./externalTableFix";
import { createdElsewhere } from "./createdElsewhere";
import { tableKey, displayName } from "../../schema/schemaState";

export const tableNotFound: OperationRule = {
  name: "table-not-found",
  severity: "error",
  description: "An operation on a table that no earlier migration creates and that is not declared external.",
  checkOperation({ step, set, options, report, display }) {
    const table = requiredTable(step.op);
    if (!table || step.op.guarded || step.op.tableGuarded || tableExists(step.before, table) || step.before.dropped.has(tableKey(table))) return;
    // An earlier step the analysis could not read may have created it.
    if (step.before.incomplete || step.before.unreadCreates) return;
    // So may an operation on a table named at run time, if its name could be this one.
    if (step.before.mayHaveBeen("exist", table)) return;
    const range = step.op.tableRange ?? step.op.nameRange ?? step.op.range;
    const elsewhere = createdElsewhere(set, table);
    if (elsewhere) {
      const id = elsewhere.file.revision?.id ?? "?";
      report({
        range,
        message: `Table ${describe(table)} is created by revision '${id}' (${display(elsewhere.file.path)}:${elsewhere.range.start.line + 1}), which is not an ancestor of this revision: it may run after this one, and then this fails with 'relation "${displayName(table)}" does not exist'. Make this revision depend on it (\`depends_on\`), or move the operation after it. (Reported once: later operations on it are not.)`,
        related: [{ file: elsewhere.file.path, range: elsewhere.range, message: `${describe(table)} is created here` }],
      });
      return;
    }
    report({
      range,
      message: `No earlier migration creates table ${describe(table)}, and it is not declared external: on a fresh database this fails with 'relation "${displayName(table)}" does not exist'. (Reported once: later operations on it are not.)`,
      fixes: [declareExternalFix(set, displayName(table), options.host, options.roots)],
    });
  },
};
