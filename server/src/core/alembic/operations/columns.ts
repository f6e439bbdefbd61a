import type { ColumnSpec, ForeignKeyTarget } from "../../schema/operations";
import type { SqlDialect } from "../../schema/sqlContract";
import { rawArguments } from "./args";
import { readServerDefault } from "./defaults";
import { lastName, readBoolean, readString, type StringValue } from "./literals";
import { referentialClauses } from "./referentialClauses";
import { resolve, type Ref } from "./scope";
import { readColumnType, type EnumType } from "./types";

/** An `sa.Column(...)` as written, before the table decides what is generated. */
export interface ColumnRead {
  readonly spec: ColumnSpec;
  readonly ref: Ref;
  readonly name: StringValue;
  /** `index=True`: the table's indexes include one on this column. */
  readonly index: boolean;
  readonly enum?: EnumType;
  /** `autoincrement=` when written as True or False. */
  readonly autoincrement?: boolean;
}

/** Positional arguments of Column that are not its type. */
const SCHEMA_ITEMS = new Set(["ForeignKey", "Identity", "Computed", "Sequence", "CheckConstraint", "DefaultClause", "FetchedValue", "UniqueConstraint"]);

export function readColumn(ref: Ref, dialect: SqlDialect): ColumnRead | undefined {
  const target = resolve(ref);
  const { node, scope } = target;
  if (node.name !== "CallExpression" || lastName(node, scope.module.text) !== "Column") return undefined;
  const { positional, keywords } = rawArguments(node, scope);
  const kw = (name: string): Ref | undefined => keywords.get(name);
  const bool = (name: string): boolean | undefined => {
    const r = kw(name);
    return r ? readBoolean(r) : undefined;
  };
  let rest = positional;
  let name = kw("name") ? readString(kw("name") as Ref) : undefined;
  const first = positional[0];
  const firstName = first ? readString(first) : undefined;
  if (firstName) {
    name = firstName;
    rest = positional.slice(1);
  }
  if (!name) return undefined;

  let typeRef = kw("type_");
  let references: ForeignKeyTarget | undefined;
  let generated = false;
  // How PostgreSQL generates it, when written so it can be said (Identity, Computed with SQL text).
  let generatedAs: string | undefined;
  let identity = false;
  let uniqueItem = false;
  for (const item of rest) {
    const resolved = resolve(item);
    const itemName = lastName(resolved.node, scope.module.text) ?? "";
    if (!SCHEMA_ITEMS.has(itemName)) {
      typeRef ??= item;
      continue;
    }
    if (itemName === "ForeignKey") {
      const raw = resolved.node.name === "CallExpression" ? rawArguments(resolved.node, resolved.scope) : undefined;
      const column = raw?.positional[0];
      const path = column ? readString(column) : undefined;
      const useAlter = raw?.keywords.get("use_alter");
      const keyName = raw?.keywords.get("name");
      const written = keyName ? readString(keyName)?.value : undefined;
      const parsed = path ? parseColumnPath(path.value) : undefined;
      const target = parsed && { ...parsed, ...(written ? { name: written } : {}), ...referentialClauses((keyword) => raw?.keywords.get(keyword)) };
      references = target && useAlter && readBoolean(useAlter) === true ? { ...target, deferred: true } : (target ?? references);
    } else if (itemName === "Identity" || itemName === "Computed" || itemName === "Sequence") {
      generated = true;
      generatedAs = generationClause(itemName, resolved);
      identity = itemName === "Identity";
    }
    else if (itemName === "UniqueConstraint") uniqueItem = true;
  }
  const type = typeRef ? readColumnType(typeRef, dialect) : undefined;
  const primaryKey = bool("primary_key") === true;
  const unique = bool("unique") === true || uniqueItem;
  const defaultRef = kw("server_default");
  const hasDefault = defaultRef !== undefined && resolve(defaultRef).node.name !== "None";
  const autoincrement = bool("autoincrement");
  const spec: ColumnSpec = {
    name: name.value,
    ...(type?.text ? { type: type.text } : {}),
    ...(type?.guessed ? { typeGuessed: true as const } : {}),
    nullable: primaryKey || identity ? false : (bool("nullable") ?? true),
    ...(hasDefault && defaultRef ? { default: readServerDefault(defaultRef) } : {}),
    ...(primaryKey ? { primaryKey: true } : {}),
    ...(unique ? { unique: true } : {}),
    ...(references ? { references } : {}),
    ...(generated ? { generated: true } : {}),
    ...(generatedAs !== undefined ? { generatedAs } : {}),
    ...(identity ? { identity: true as const } : {}),
    ...(type?.enum && type.enum.values.length > 0 ? { labels: type.enum.values } : {}),
    ...(type?.enum?.ownType && type.enum.name ? { enumType: type.enum.schema ? { schema: type.enum.schema, name: type.enum.name.value } : { name: type.enum.name.value } } : {}),
  };
  return {
    spec,
    ref: target,
    name,
    index: bool("index") === true,
    ...(type?.enum ? { enum: type.enum } : {}),
    ...(autoincrement !== undefined ? { autoincrement } : {}),
  };
}

/** `"users.id"` → users (id); `"auth.users.id"` → auth.users (id). */
export function parseColumnPath(path: string): ForeignKeyTarget | undefined {
  const parts = path.split(".");
  if (parts.length < 2) return undefined;
  const column = parts[parts.length - 1] as string;
  const table = parts[parts.length - 2] as string;
  const schema = parts.slice(0, -2).join(".");
  return { table: schema ? { schema, name: table } : { name: table }, columns: [column] };
}

/**
 * `sa.Identity(always=True)` → GENERATED ALWAYS AS IDENTITY; `sa.Computed("a * 2")` →
 * GENERATED ALWAYS AS (a * 2) STORED. A Sequence, or an expression that is not a literal, stays
 * unsaid (the column is generated, how is not known).
 */
function generationClause(item: string, ref: Ref): string | undefined {
  const call = ref.node.name === "CallExpression" ? rawArguments(ref.node, ref.scope) : undefined;
  if (item === "Identity") {
    const always = call?.keywords.get("always");
    return always && readBoolean(always) === true ? "GENERATED ALWAYS AS IDENTITY" : "GENERATED BY DEFAULT AS IDENTITY";
  }
  if (item === "Computed") {
    const text = call?.positional[0] ?? call?.keywords.get("sqltext");
    const sql = text ? readString(text)?.value : undefined;
    return sql !== undefined ? `GENERATED ALWAYS AS (${sql}) STORED` : undefined;
  }
  return undefined;
}
