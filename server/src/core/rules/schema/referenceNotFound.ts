import type { ForeignKeyTarget, Operation, QualifiedName } from "../../schema/operations";
import { tableKey } from "../../schema/schemaState";
import type { OperationRule } from "../operationRule";
import { describe } from "./tableReferences";

function foreignKeys(op: Operation): ForeignKeyTarget[] {
  switch (op.kind) {
    case "create_table":
      return [
        ...op.columns.flatMap((c) => (c.references ? [c.references] : [])),
        ...op.constraints.flatMap((c) => (c.kind === "foreign_key" && c.references ? [c.references] : [])),
      ];
    case "add_column":
      return op.column.references ? [op.column.references] : [];
    case "add_constraint":
      return op.constraint.kind === "foreign_key" && op.constraint.references ? [op.constraint.references] : [];
    default:
      return [];
  }
}

export const referenceNotFound: OperationRule = {
  name: "reference-not-found",
  severity: "error",
  description: "A foreign key to a table or column that does not exist at that point.",
  checkOperation({ step, report }) {
    const op = step.op;
    if (op.guarded) return;
    if (step.before.incomplete) return;
    const own: QualifiedName | undefined = op.kind === "create_table" ? op.table : undefined;
    for (const target of foreignKeys(op)) {
      // A table may reference itself while it is being created.
      if (own && tableKey(own) === tableKey(target.table)) continue;
      const table = step.before.table(target.table);
      // use_alter: added by ALTER once every table of the migration exists, so a table created later in it is fine.
      const later = step.file.upgrade?.operations.slice(step.file.upgrade.operations.indexOf(op) + 1) ?? [];
      if (!table && target.deferred && later.some((o) => o.kind === "create_table" && tableKey(o.table) === tableKey(target.table))) continue;
      if (!table) {
        report({
          message: step.before.views.has(tableKey(target.table))
            ? `Foreign key references ${describe(target.table)}, which is a view: PostgreSQL refuses ("referenced relation is not a table").`
            : `Foreign key references table ${describe(target.table)}, which does not exist at this point.`,
        });
        continue;
      }
      if (!table.columnsKnown) continue;
      const missing = target.columns.filter((c) => !table.columns.has(c));
      if (missing.length > 0) report({ message: `Foreign key references ${missing.map((c) => `'${c}'`).join(", ")} of ${describe(target.table)}, which it does not have at this point.` });
    }
  },
};
