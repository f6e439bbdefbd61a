import type { QualifiedName } from "../../schema/operations";
import { bindArguments } from "./args";
import { lastName, readString } from "./literals";
import { resolve, type Ref, type TableTarget } from "./scope";

/** Constructors of a table object: lightweight `sa.table()`, `sa.Table()`, and `op.create_table()`'s result. */
const TABLE_OBJECTS = new Set(["table", "Table", "create_table"]);

/** The table a SQLAlchemy table object names (`users = sa.table("users", sa.column("id"))`). */
export function tableOfObject(ref: Ref): TableTarget | undefined {
  const { node, scope } = resolve(ref);
  if (node.name !== "CallExpression" || !TABLE_OBJECTS.has(lastName(node, scope.module.text) ?? "")) return undefined;
  const args = bindArguments(node, scope, ["name"]);
  return tableTarget(args.get("name"), args.get("schema"));
}

/** A table name and its optional `schema=`: undefined unless the name is known. */
export function tableTarget(nameRef: Ref | undefined, schemaRef: Ref | undefined): TableTarget | undefined {
  const name = nameRef ? readString(nameRef) : undefined;
  if (!name) return undefined;
  return { table: qualified(name.value, schemaRef), nameRange: name.range };
}

export function qualified(name: string, schemaRef: Ref | undefined): QualifiedName {
  const schema = schemaRef ? readString(schemaRef)?.value : undefined;
  return schema ? { schema, name } : { name };
}
