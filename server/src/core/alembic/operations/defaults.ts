import { rawArguments } from "./args";
import { dottedName, lastName, readString } from "./literals";
import { resolve, type Ref } from "./scope";

/** Functions SQLAlchemy renders without parentheses (`sa.func.current_timestamp()` → CURRENT_TIMESTAMP). */
const ANSI_FUNCTIONS = new Set(["current_timestamp", "current_date", "current_time", "localtime", "localtimestamp", "current_user", "session_user", "user"]);

const SQL_WRAPPERS = new Set(["text", "literal_column", "DefaultClause"]);

/**
 * A `server_default` as the SQL the database receives: a plain string becomes a quoted literal
 * (`"0"` → `'0'`), `sa.text("now()")` its text, `sa.func.now()` → `now()`. Expressions the reader
 * does not know are kept as their Python source, so that a default is still seen to exist.
 */
export function readServerDefault(ref: Ref): string {
  const target = resolve(ref);
  const { node, scope } = target;
  const text = scope.module.text;
  if (node.name === "Number") return scope.text(node);
  if (node.name === "Boolean") return scope.text(node) === "True" ? "true" : "false";
  const string = readString(ref);
  if (string) return quote(string.value);
  if (node.name !== "CallExpression") return scope.text(node);
  const name = lastName(node, text) ?? "";
  const args = rawArguments(node, scope).positional;
  if (SQL_WRAPPERS.has(name) && args[0]) {
    if (name === "DefaultClause") return readServerDefault(args[0]);
    return readString(args[0])?.value ?? scope.text(node);
  }
  if (name === "true" || name === "false" || name === "null") return name;
  const callee = node.firstChild;
  const dotted = callee ? dottedName(callee, text) : undefined;
  if (dotted && dotted.length >= 2 && dotted[dotted.length - 2] === "func") {
    if (ANSI_FUNCTIONS.has(name.toLowerCase()) && args.length === 0) return name.toUpperCase();
    return `${name}(${args.map(renderArgument).join(", ")})`;
  }
  return scope.text(node);
}

function renderArgument(ref: Ref): string {
  const { node, scope } = resolve(ref);
  if (node.name === "Number") return scope.text(node);
  const string = readString(ref);
  return string ? quote(string.value) : readServerDefault(ref);
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
