import type { OperationRule } from "../operationRule";
import type { ReplayStep } from "../../schema/replay";
import type { Operation } from "../../schema/operations";
import { sameRange } from "../../model/positions";
import { tableKey, type ConstraintState, type TableState } from "../../schema/schemaState";
import { describe, relatedAt } from "./tableReferences";
import type { AnalyzedSet } from "../../analysis/analyzedSet";
import { dropForeignKeysFix, knownKeyName, type ReferencingKey } from "./dropForeignKeysFix";

export const dropTableReferenced: OperationRule = {
  name: "drop-table-referenced",
  severity: "error",
  description: "DROP TABLE (without CASCADE) of a table other tables' foreign keys still reference: PostgreSQL refuses it.",
  checkOperation({ step, set, report }) {
    const op = step.op;
    // MySQL refuses too, unless the session turned foreign_key_checks off (migrations often do) or the
    // table is MyISAM; SQLite does not enforce foreign keys unless asked: only PostgreSQL is sure.
    if (op.kind !== "drop_table" || op.cascade || op.conditional || step.dialect !== "postgresql") return;
    // An unread operation or a gap in the history may have dropped the keys.
    if (step.before.incomplete || step.before.unreadOperations) return;
    const target = step.before.table(op.table);
    if (!target || target.maybe) return;
    const found = referencingKeys(step, set, op);
    if (found.keys.length === 0) return;
    const list = found.keys.map(keyLabel).join(", ");
    const plural = found.keys.length > 1;
    const fix = found.uncertain ? undefined : dropForeignKeysFix(step, found.keys);
    report({
      message:
        `Table ${describe(op.table)} is still referenced by ${plural ? "foreign keys" : "a foreign key"}: ${list}. PostgreSQL refuses to drop it ` +
        `(2BP01, other objects depend on it). Drop ${plural ? "those keys" : "that key"} first (or drop the referencing table${plural ? "s" : ""} before it).`,
      related: found.keys.map((k) => relatedAt(k.constraint.created, `${keyLabel(k)} is created here`)),
      fixes: fix ? [fix] : [],
    });
  },
};

/**
 * The foreign keys of other tables that point at the dropped table and surely exist at this point.
 * Keys that may or may not be there (added, dropped or on a table touched by a conditional or
 * run-time-named operation) are not claimed, and make the fix unsure: `uncertain`.
 */
function referencingKeys(step: ReplayStep, set: AnalyzedSet, op: Extract<Operation, { kind: "drop_table" }>): { keys: ReferencingKey[]; uncertain: boolean } {
  const key = tableKey(op.table);
  // `DROP TABLE users, orders` drops both at once: keys between them are no obstacle.
  const sameStatement = new Set(
    (step.file.upgrade?.operations ?? []).flatMap((o) => (o.kind === "drop_table" && sameRange(o.range, op.range) ? [tableKey(o.table)] : [])),
  );
  const keys: ReferencingKey[] = [];
  let uncertain = false;
  for (const [tableName, table] of step.before.tables) {
    if (tableName === key || sameStatement.has(tableName)) continue;
    for (const constraint of table.constraints) {
      if (constraint.kind !== "foreign_key" || !constraint.references || tableKey(constraint.references.table) !== key) continue;
      if (isUncertain(step, table, constraint)) uncertain = true;
      else keys.push({ table, constraint, name: knownKeyName(set, constraint) });
    }
  }
  return { keys, uncertain };
}

function keyLabel(key: ReferencingKey): string {
  return `${key.name ? `'${key.name}'` : "an unnamed key"} on ${describe(key.table.name)} (${key.constraint.columns.join(", ")})`;
}

function isUncertain(step: ReplayStep, table: TableState, constraint: ConstraintState): boolean {
  return (
    constraint.maybe === true ||
    table.maybe === true ||
    table.sibling === true ||
    step.before.mayHaveBeen("be-gone", table.name) ||
    constraint.columns.some((c) => table.columns.get(c)?.maybe === true)
  );
}
