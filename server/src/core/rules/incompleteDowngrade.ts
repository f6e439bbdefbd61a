import type { Rule } from "./rule";
import { eachFile } from "./eachFile";
import { inverseSignature, signature } from "./schema/inverseOperations";
import { displayName } from "../schema/schemaState";
import type { Operation } from "../schema/operations";

export const incompleteDowngrade: Rule = {
  name: "incomplete-downgrade",
  changeSafety: true,
  severity: "info",
  description: "An upgrade operation that the downgrade does not undo.",
  check: eachFile((file, context) => {
    const downgrade = file.downgrade;
    // Past a syntax error the downgrade may be misread.
    if (file.syntaxError) return;
    if (!downgrade?.present || downgrade.operations.length === 0) return;
    // SQL the analysis cannot read may well undo anything: then nothing can be said.
    if (downgrade.operations.some((op) => op.kind === "unknown")) return;
    const undone = new Set(downgrade.operations.map(signature).filter((s): s is string => s !== undefined));
    // Dropping a table undoes everything done to it: its columns, indexes and constraints go with it.
    const droppedTables = new Set(downgrade.operations.flatMap((op) => (op.kind === "drop_table" ? [displayName(op.table)] : [])));
    const upgrade = file.upgrade?.operations ?? [];
    upgrade.forEach((op, index) => {
      // A guarded operation may have done nothing; one the upgrade itself undoes later needs no undoing.
      if (op.guarded || op.objectGuarded || undoneLater(op, upgrade.slice(index + 1))) return;
      const expected = inverseSignature(renamedLater(op, upgrade.slice(index + 1)));
      if (!expected || undone.has(expected)) return;
      const table = op.kind === "rename_table" ? displayName({ ...op.table, name: op.newName }) : "table" in op && op.table ? displayName(op.table) : undefined;
      if (op.kind !== "create_table" && table !== undefined && droppedTables.has(finalTableName(table, upgrade.slice(index + 1)))) return;
      // A partition goes with its parent.
      if (op.kind === "create_table" && op.partitionOf && droppedTables.has(displayName(op.partitionOf.parent))) return;
      context.report({ file: file.path, range: op.nameRange ?? op.range, message: `The downgrade does not undo this ${describeOperation(op)}: \`downgrade\` leaves it behind.` });
    });
  }),
};

function describeOperation(op: Operation): string {
  switch (op.kind) {
    case "create_table":
      return `CREATE TABLE ${displayName(op.table)}`;
    case "add_column":
      return `ADD COLUMN ${op.column.name} (on ${displayName(op.table)})`;
    case "create_index":
      return `CREATE INDEX ${op.name ?? ""}`.trim();
    case "add_constraint":
      return `ADD CONSTRAINT ${op.constraint.name ?? ""} (on ${displayName(op.table)})`;
    case "rename_table":
      return `RENAME TABLE ${displayName(op.table)} TO ${op.newName}`;
    case "alter_column":
      return `RENAME COLUMN ${op.column} TO ${op.newName ?? op.column} (on ${displayName(op.table)})`;
    case "create_enum":
      return `CREATE TYPE ${displayName(op.type)}`;
    default:
      return op.kind.replace(/_/g, " ");
  }
}

/** The table's name after the later operations of the same upgrade (renames followed). */
function finalTableName(name: string, later: readonly Operation[]): string {
  let current = name;
  for (const op of later) if (op.kind === "rename_table" && displayName(op.table) === current) current = displayName({ ...op.table, name: op.newName });
  return current;
}

/** The operation as the downgrade must undo it: a table created then renamed is dropped under its new name. */
function renamedLater(op: Operation, later: readonly Operation[]): Operation {
  if (op.kind !== "create_table") return op;
  const final = finalTableName(displayName(op.table), later);
  return final === displayName(op.table) ? op : { ...op, table: { ...op.table, name: final.split(".").pop() ?? final } };
}

/** The upgrade drops what this operation made (the table, column or index) before it ends. */
function undoneLater(op: Operation, later: readonly Operation[]): boolean {
  const expected = inverseSignature(op);
  if (expected && later.some((l) => signature(l) === expected)) return true;
  if (op.kind === "create_table" || op.kind === "create_enum") return false;
  const table = "table" in op && op.table ? finalTableName(displayName(op.table), later) : undefined;
  return table !== undefined && later.some((l) => l.kind === "drop_table" && displayName(l.table) === table);
}
