import type { QualifiedName } from "../../schema/operations";
import { foreignKeyTargets } from "../../schema/requiredTable";
import { tableKey } from "../../schema/schemaState";
import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";

export const referenceNotFound: OperationRule = {
  name: "reference-not-found",
  severity: "error",
  description: "A foreign key to a table or column that does not exist at that point.",
  checkOperation({ step, report }) {
    const op = step.op;
    // SQLite checks a foreign key's target when rows are written, never when the key is declared.
    if (op.guarded || step.dialect === "sqlite") return;
    if (step.before.incomplete || step.before.unreadCreates) return;
    const own: QualifiedName | undefined = op.kind === "create_table" ? op.table : undefined;
    for (const target of foreignKeyTargets(op)) {
      // A table may reference itself while it is being created.
      if (own && tableKey(own) === tableKey(target.table)) continue;
      const table = step.before.table(target.table);
      // use_alter: added by ALTER once every table of the migration exists, so a table created later in it is fine.
      const later = step.file.upgrade?.operations.slice(step.file.upgrade.operations.indexOf(op) + 1) ?? [];
      if (!table && target.deferred && later.some((o) => o.kind === "create_table" && tableKey(o.table) === tableKey(target.table))) continue;
      // An operation on a table named at run time may have created it.
      if (!table && step.before.mayHaveBeen("exist", target.table)) continue;
      if (!table) {
        report({
          message: step.before.views.has(tableKey(target.table))
            ? `Foreign key references ${describe(target.table)}, which is a view: PostgreSQL refuses ("referenced relation is not a table").`
            : `Foreign key references table ${describe(target.table)}, which does not exist at this point. (Reported once: later references to it are not.)`,
        });
        continue;
      }
      if (!table.columnsKnown) continue;
      const missing = target.columns.filter((c) => !table.columns.has(c));
      if (missing.length > 0) report({ message: `Foreign key references ${missing.map((c) => `'${c}'`).join(", ")} of ${describe(target.table)}, which it does not have at this point.` });
    }
  },
};
