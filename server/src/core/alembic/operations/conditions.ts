import type { SyntaxNode } from "@lezer/common";
import { lastName, methodCall, readString, sequenceElements } from "./literals";
import { resolve, unwrap, type Ref, type Scope } from "./scope";
import type { PyValue } from "../../python/values";

/** Inspector methods (and the usual helper names) that ask whether something exists. */
const INSPECT_CALLS = new Set([
  "get_table_names", "get_columns", "get_indexes", "get_unique_constraints", "get_foreign_keys", "get_check_constraints",
  "get_pk_constraint", "get_view_names", "get_schema_names", "get_sequence_names", "get_enums", "get_materialized_view_names",
]);

/** Catalog tables a hand-written existence query reads. */
const CATALOGS = ["information_schema", "pg_catalog", "pg_class", "pg_tables", "pg_indexes", "pg_type", "pg_enum", "pg_constraint", "pg_attribute", "pg_namespace", "pg_extension", "pg_views", "pg_proc", "sqlite_master", "sqlite_schema"];

function stringValue(value: PyValue | undefined): string | undefined {
  return value?.kind === "str" ? value.value : undefined;
}

function isIntrospectionName(name: string): boolean {
  const bare = name.replace(/^_+/, "");
  return INSPECT_CALLS.has(bare) || bare.startsWith("has_") || bare.endsWith("_exists") || bare === "exists";
}

/**
 * Whether an expression asks the database what exists: an inspector call, a helper named like
 * one (`has_column`, `_table_exists`), a module function whose body makes one, a name holding
 * what one returned, or a query on the catalog.
 */
export function asksWhatExists(ref: Ref, followFunctions = true): boolean {
  const { scope } = ref;
  const visit = (node: SyntaxNode): boolean => {
    if (node.name === "LambdaExpression") return false;
    if (node.name === "CallExpression") {
      const name = lastName(node, scope.module.text);
      if (name && isIntrospectionName(name)) return true;
      const callee = node.firstChild;
      if (followFunctions && callee?.name === "VariableName") {
        const binding = scope.lookup(scope.text(callee));
        if (binding?.kind === "function") {
          const body = binding.def.getChild("Body");
          if (body && asksWhatExists({ node: body, scope: binding.scope }, false)) return true;
        }
      }
    }
    if (node.name === "VariableName" && scope.lookup(scope.text(node))?.kind === "introspection") return true;
    const literal = node.name === "String" ? scope.text(node) : node.name === "VariableName" ? stringValue(scope.values.get(scope.text(node))) : undefined;
    if (literal && CATALOGS.some((c) => literal.toLowerCase().includes(c))) return true;
    for (let c = node.firstChild; c; c = c.nextSibling) if (visit(c)) return true;
    return false;
  };
  return visit(ref.node);
}

/**
 * Decides a test that compares the database dialect (`op.get_bind().dialect.name == "sqlite"`,
 * `bind.engine.name in ("postgresql",)`) or asks for offline mode (`context.is_offline_mode()`:
 * false, as the replay is an online run on a fresh database), with `not` / `and` / `or`;
 * undefined when it depends on anything else.
 */
export function decideDialectTest(ref: Ref): boolean | undefined {
  const { node, scope } = resolve(ref);
  const dialect = scope.module.dialect;
  const parts: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) parts.push(c);
  if (node.name === "Boolean") return scope.text(node) === "True";
  if (node.name === "UnaryExpression" && parts[0]?.name === "not" && parts[1]) {
    const inner = decideDialectTest({ node: parts[1], scope });
    return inner === undefined ? undefined : !inner;
  }
  if (node.name === "CallExpression") {
    const method = methodCall(node, scope.module.text);
    if (method?.method === "is_offline_mode") return false;
    const arg = node.getChild("ArgList")?.firstChild?.nextSibling;
    if (method?.method === "startswith" && arg) {
      const receiver = { node: method.receiver, scope };
      const prefix = readString({ node: arg, scope })?.value;
      if (prefix === undefined) return undefined;
      if (isDialectName(receiver)) return dialect.startsWith(prefix);
      // A database URL starts with the dialect's name, then the driver: `mysql+pymysql://`.
      if (isDatabaseUrl(receiver)) return prefix.length <= dialect.length ? dialect.startsWith(prefix) : prefix.startsWith(dialect) ? undefined : false;
    }
    return undefined;
  }
  if (node.name !== "BinaryExpression" || parts.length < 3) return undefined;
  const left = parts[0] as SyntaxNode;
  const right = parts[parts.length - 1] as SyntaxNode;
  const operator = parts.slice(1, -1).map((p) => scope.text(p)).join(" ");
  if (operator === "and" || operator === "or") {
    const a = decideDialectTest({ node: left, scope });
    const b = decideDialectTest({ node: right, scope });
    if (operator === "and") return a === false || b === false ? false : a === true && b === true ? true : undefined;
    return a === true || b === true ? true : a === false && b === false ? false : undefined;
  }
  const [nameSide, otherSide] = isDialectName({ node: left, scope }) ? [left, right] : isDialectName({ node: right, scope }) ? [right, left] : [];
  if (!nameSide || !otherSide) return undefined;
  if (operator === "==" || operator === "!=") {
    const other = readString({ node: otherSide, scope })?.value;
    const equal = other === undefined ? undefined : namesDialect(other, dialect);
    return equal === undefined ? undefined : operator === "==" ? equal : !equal;
  }
  if ((operator === "in" || operator === "not in") && nameSide === left) {
    const options = sequenceElements({ node: right, scope })?.map((e) => readString(e)?.value);
    if (!options || options.some((o) => o === undefined)) return undefined;
    const matches = options.map((o) => namesDialect(o ?? "", dialect));
    const found = matches.includes(true) ? true : matches.includes(undefined) ? undefined : false;
    return found === undefined ? undefined : operator === "in" ? found : !found;
  }
  return undefined;
}

/** MariaDB runs under SQLAlchemy's "mariadb" name on a MySQL project: unknown, not false. */
function namesDialect(name: string, dialect: string): boolean | undefined {
  if (name === dialect) return true;
  if (dialect === "mysql" && name === "mariadb") return undefined;
  return false;
}

/** `<anything>.dialect.name` or `<anything>.engine.name` (a name bound to one included). */
function isDialectName(ref: Ref): boolean {
  const { node, scope }: { node: SyntaxNode; scope: Scope } = resolve(ref);
  const n = unwrap(node);
  if (n.name !== "MemberExpression" || n.lastChild?.name !== "PropertyName" || scope.text(n.lastChild) !== "name") return false;
  const object = n.firstChild;
  return object?.name === "MemberExpression" && object.lastChild?.name === "PropertyName" && ["dialect", "engine"].includes(scope.text(object.lastChild));
}

/** `str(<anything>.url)`, a name bound to one included. */
function isDatabaseUrl(ref: Ref): boolean {
  const { node, scope } = resolve(ref);
  if (node.name !== "CallExpression" || node.firstChild?.name !== "VariableName" || scope.text(node.firstChild) !== "str") return false;
  const argument = node.getChild("ArgList")?.firstChild?.nextSibling;
  return argument?.name === "MemberExpression" && argument.lastChild?.name === "PropertyName" && scope.text(argument.lastChild) === "url";
}
