import type { Rule } from "./rule";
import { inverseSignature, signature } from "./schema/inverseOperations";
import { displayName } from "../schema/schemaState";

export const incompleteDowngrade: Rule = {
  name: "incomplete-downgrade",
  severity: "info",
  description: "An upgrade operation that the downgrade does not undo.",
  check(context) {
    for (const file of context.set.files) {
      const downgrade = file.downgrade;
      if (!downgrade?.present || downgrade.operations.length === 0) continue;
      // SQL the analysis cannot read may well undo anything: then nothing can be said.
      if (downgrade.operations.some((op) => op.kind === "unknown")) continue;
      const undone = new Set(downgrade.operations.map(signature).filter((s): s is string => s !== undefined));
      // Dropping a table undoes everything done to it: its columns, indexes and constraints go with it.
      const droppedTables = new Set(downgrade.operations.flatMap((op) => (op.kind === "drop_table" ? [displayName(op.table)] : [])));
      for (const op of file.upgrade?.operations ?? []) {
        const expected = inverseSignature(op);
        if (!expected || undone.has(expected)) continue;
        if (op.kind !== "create_table" && "table" in op && op.table && droppedTables.has(displayName(op.table))) continue;
        context.report({
          file: file.path,
          range: op.nameRange ?? op.range,
          message: `The downgrade does not undo this (${expected.split(" ")[0]?.replace(/_/g, " ")} ${expected.split(" ")[1] ?? ""} expected): \`downgrade\` leaves it behind.`,
        });
      }
    }
  },
};
