import { rawArguments } from "./args";
import { dottedName, lastName, methodCall } from "./literals";
import { resolve, type Binding, type Ref } from "./scope";

/** What a call is made on: Alembic's `op`, a batch, or a database connection. */
export type Receiver = Extract<Binding, { kind: "op" | "batch" | "connection" }>;

/** Methods of a connection (or of `op`) that give a connection back. */
const CONNECTION_METHODS = new Set(["get_bind", "get_context", "connect", "begin", "execution_options", "connection", "bind", "engine"]);

/** Calls that wrap a connection in something with its own `execute()`. */
const CONNECTION_FACTORIES = new Set(["Session", "scoped_session", "inspect"]);

/**
 * `op` (or an import alias of it, or a parameter it was passed to), a batch from
 * `op.batch_alter_table`, or a connection: `op.get_bind()`, `op.get_context()`, and what is made
 * from them (`conn.connect()`, `Session(bind=conn)`).
 */
export function classifyReceiver(ref: Ref): Receiver | undefined {
  const { node, scope } = resolve(ref);
  const module = scope.module;
  if (node.name === "VariableName") {
    const name = scope.text(node);
    const binding = scope.lookup(name);
    if (binding?.kind === "op" || binding?.kind === "batch" || binding?.kind === "connection") return binding;
    if (!binding && (name === "op" || module.opNames.has(name))) return { kind: "op" };
    return undefined;
  }
  if (node.name === "MemberExpression") {
    // `alembic.op`, after `import alembic`.
    const dotted = dottedName(node, module.text);
    const root = dotted?.[0] ? scope.values.get(dotted[0]) : undefined;
    if (dotted?.length === 2 && dotted[1] === "op" && root?.kind === "unknown" && root.symbol?.module === "alembic" && root.symbol.name === undefined) return { kind: "op" };
    const object = node.firstChild;
    const property = node.lastChild;
    if (object && property && CONNECTION_METHODS.has(scope.text(property)) && classifyReceiver({ node: object, scope })) return { kind: "connection" };
    return undefined;
  }
  if (node.name !== "CallExpression") return undefined;
  const method = methodCall(node, module.text);
  if (method && CONNECTION_METHODS.has(method.method)) {
    return classifyReceiver({ node: method.receiver, scope }) ? { kind: "connection" } : undefined;
  }
  // `Session(bind=op.get_bind())`, `sa.inspect(conn)`: made from a connection.
  if (!CONNECTION_FACTORIES.has(lastName(node, module.text) ?? "")) return undefined;
  const { positional, keywords } = rawArguments(node, scope);
  const fromConnection = [...positional, ...keywords.values()].some((arg) => classifyReceiver(arg)?.kind === "connection");
  return fromConnection ? { kind: "connection" } : undefined;
}
