import type { Operation } from "../../schema/operations";
import type { OperationRule } from "../operationRule";

/**
 * Only quoted type names are judged (`"OrderStatus"`, as Prisma writes enums): built-in and
 * extension types are never quoted, so a quoted name must be a type the migrations create.
 */
function quotedTypes(op: Operation): string[] {
  const types = op.kind === "create_table" ? op.columns.map((c) => c.type) : op.kind === "add_column" ? [op.column.type] : op.kind === "alter_column" ? [op.type] : [];
  return types.flatMap((t) => {
    const match = t === undefined ? null : /^"((?:[^"]|"")+)"(\[\])*$/.exec(t);
    return match?.[1] ? [match[1].replace(/""/g, '"')] : [];
  });
}

export const typeNotFound: OperationRule = {
  name: "type-not-found",
  severity: "error",
  description: "A column of a (quoted) type that no earlier migration creates.",
  checkOperation({ step, report }) {
    // A DO block or SQL built at run time may have created it.
    if (step.before.incomplete || step.before.unreadOperations) return;
    for (const type of quotedTypes(step.op)) {
      const known = [...step.before.enums.values()].some((e) => e.name.name === type);
      if (!known) report({ message: `Type "${type}" does not exist at this point: no earlier migration creates it (CREATE TYPE ... AS ENUM).` });
    }
  },
};
