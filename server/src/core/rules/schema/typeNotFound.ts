import type { ColumnSpec, Operation } from "../../schema/operations";
import type { SchemaState } from "../../schema/schemaState";
import type { OperationRule } from "../operationRule";

interface NeededType {
  readonly name: string;
  /** Named by an Alembic column's enum, not quoted: how it is created is said differently. */
  readonly alembicEnum?: "add_column" | "create_table";
}

/**
 * Quoted type names (`"OrderStatus"`, as Prisma writes enums): built-in and extension types are
 * never quoted, so a quoted name must be a type the migrations create. And the PostgreSQL enum an
 * Alembic column names (`sa.Enum(..., name="mood")`) where nothing issues CREATE TYPE for it:
 * op.add_column, or op.create_table with `create_type=False`.
 */
function neededTypes(op: Operation): NeededType[] {
  const columns: ColumnSpec[] = op.kind === "create_table" ? [...op.columns] : op.kind === "add_column" ? [op.column] : [];
  const types = op.kind === "alter_column" ? [op.type] : columns.map((c) => c.type);
  const quoted = types.flatMap((t) => {
    const match = t === undefined ? null : /^"((?:[^"]|"")+)"(\[\])*$/.exec(t);
    return match?.[1] ? [{ name: match[1].replace(/""/g, '"') }] : [];
  });
  const alembicEnum = op.kind === "add_column" ? "add_column" : "create_table";
  const enums = columns.flatMap((c) => (c.enumType ? [{ name: c.enumType.name, alembicEnum } as const] : []));
  return [...quoted, ...enums];
}

/**
 * Tables declared external, never created, or from another set come from a schema built outside
 * these migrations (create_all(), a dump), which may hold types too. The tool's and frameworks'
 * own tables (no file) say nothing about types.
 */
function schemaBuiltElsewhere(state: SchemaState): boolean {
  return [...state.tables.values()].some((t) => t.assumed || t.sibling || (t.external && !(t.providedBy !== undefined && t.created.file === "")));
}

export const typeNotFound: OperationRule = {
  name: "type-not-found",
  severity: "error",
  description: "A column of a (quoted) type, or an Alembic enum type, that no earlier migration creates (as an enum or a domain).",
  checkOperation({ step, report }) {
    // A DO block or SQL built at run time may have created it.
    if (step.before.incomplete || step.before.unreadOperations) return;
    for (const type of neededTypes(step.op)) {
      const known = [...step.before.enums.values(), ...step.before.domains.values()].some((e) => e.name.name === type.name);
      if (known || (type.alembicEnum && schemaBuiltElsewhere(step.before))) continue;
      const how =
        type.alembicEnum === "add_column"
          ? ": op.add_column does not create an enum's type (op.create_table does). Create it first, e.g. sa.Enum(...).create(op.get_bind())."
          : " (CREATE TYPE ... AS ENUM).";
      report({ message: `Type "${type.name}" does not exist at this point: no earlier migration creates it${how}` });
    }
  },
};
