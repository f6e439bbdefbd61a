import { exactName, type UncertainTables } from "../../schema/namePattern";
import type { Operation } from "../../schema/operations";

/** The tables some operations create, drop or rename, for one `unknown` operation that stands for them all. */
export function tablesTouched(operations: readonly Operation[]): UncertainTables[] {
  return operations.flatMap((op): UncertainTables[] => {
    switch (op.kind) {
      case "create_table":
        return [{ name: exactName(op.table.name), may: "exist" }];
      case "drop_table":
        return [{ name: exactName(op.table.name), may: "be-gone" }];
      case "rename_table":
        return [{ name: exactName(op.table.name), may: "be-gone" }, { name: exactName(op.newName), may: "exist" }];
      case "unknown":
        return [...(op.tables ?? [])];
      default:
        return [];
    }
  });
}
