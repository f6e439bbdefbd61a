import type { SyntaxNode } from "@lezer/common";
import { bindArguments, rawArguments } from "./args";
import { readExecute } from "./executeSql";
import { emit, type Flow, type Output } from "./flow";
import { readHelperCall } from "./helpers";
import { readImportedCall } from "./importedHelpers";
import { dottedName, lastName, methodCall, readBoolean } from "./literals";
import { readNamePattern } from "./namePattern";
import { readOpCall } from "./opCalls";
import { classifyReceiver } from "./receivers";
import { resolve, type Ref, type Scope } from "./scope";
import { readTableDefinition } from "./tableDefinition";
import { tableTarget } from "./tableObjects";
import { readColumnType } from "./types";

/** Reads the calls of an expression in evaluation order; calls it does not know are looked into. */
export function walkExpression(node: SyntaxNode, scope: Scope, flow: Flow, out: Output): void {
  if (node.name === "LambdaExpression") return;
  if (node.name === "CallExpression" && readCall(node, scope, flow, out)) return;
  for (let c = node.firstChild; c; c = c.nextSibling) walkExpression(c, scope, flow, out);
}

/** Handles a call that changes the schema (or a helper that may); false when it is none of those. */
function readCall(call: SyntaxNode, scope: Scope, flow: Flow, out: Output): boolean {
  const text = scope.module.text;
  const method = methodCall(call, text);
  if (method) {
    const receiver = classifyReceiver({ node: method.receiver, scope });
    if (receiver?.kind === "op") {
      readOpCall(method.method, call, scope, flow, out);
      return true;
    }
    if (receiver?.kind === "batch") {
      readOpCall(method.method, call, scope, flow, out, receiver);
      return true;
    }
    if (receiver?.kind === "connection" && (method.method === "execute" || method.method === "exec_driver_sql")) {
      const sql = rawArguments(call, scope).positional[0];
      if (sql) readExecute(call, sql, flow, out, false);
      return true;
    }
    if (["create", "drop", "create_all", "drop_all"].includes(method.method)) return readSchemaObjectCall(call, method.receiver, method.method, scope, flow, out);
    // `core_init_ops.upgrade()`: another module's migration steps (neutron's initial revision).
    if (method.method === "upgrade" || method.method === "downgrade") {
      const dotted = dottedName(method.receiver, text);
      emit(out, flow, { kind: "unknown", reason: `${dotted ? dotted.join(".") : "another module's "}.${method.method}() is not read`.replace(" .", " "), range: scope.range(call) });
      return true;
    }
    return readImportedCall(call, scope, flow, out);
  }
  const callee = call.firstChild;
  if (callee?.name !== "VariableName") return false;
  const name = scope.text(callee);
  const binding = scope.lookup(name);
  if (binding?.kind === "function") {
    readHelperCall(name, binding, call, scope, flow, out);
    return true;
  }
  const opMethod = binding ? undefined : scope.module.opFunctions.get(name);
  if (opMethod) {
    readOpCall(opMethod, call, scope, flow, out);
    return true;
  }
  return readImportedCall(call, scope, flow, out);
}

/**
 * `postgresql.ENUM(..., name="mood").create(op.get_bind(), checkfirst=True)`, `sa.Table(...).create(bind)`
 * and their `drop`; `metadata.create_all(bind)` and tables built at run time are not read.
 */
function readSchemaObjectCall(call: SyntaxNode, receiver: SyntaxNode, method: string, scope: Scope, flow: Flow, out: Output): boolean {
  const args = bindArguments(call, scope, ["bind"]);
  const bind = args.get("bind");
  if (!bind || classifyReceiver(bind)?.kind !== "connection") return false;
  const object: Ref = resolve({ node: receiver, scope });
  const kind = object.node.name === "CallExpression" ? lastName(object.node, scope.module.text) : undefined;
  // checkfirst defaults to True for postgresql.ENUM and metadata.*_all, to False for sa.Enum and Table.
  const checkfirst = args.get("checkfirst");
  const guarded = checkfirst ? readBoolean(checkfirst) !== false : kind === "ENUM" || method.endsWith("_all");
  const range = scope.range(call);
  const dialect = scope.module.dialect;
  if ((kind === "Enum" || kind === "ENUM") && (method === "create" || method === "drop")) {
    const type = readColumnType(object, dialect)?.enum;
    if (dialect !== "postgresql") return true;
    if (!type?.name) {
      emit(out, flow, { kind: "unknown", reason: `an enum type without a literal name is not read`, range });
      return true;
    }
    const name = type.schema ? { schema: type.schema, name: type.name.value } : { name: type.name.value };
    const base = { range, nameRange: type.name.range, ...(guarded ? { guarded: true } : {}) };
    emit(out, flow, method === "create" ? { kind: "create_enum", type: name, values: type.values, ...base } : { kind: "drop_type", type: name, ...base });
    return true;
  }
  if (kind === "Table" && (method === "create" || method === "drop")) {
    const table = bindArguments(object.node, object.scope, ["name", "metadata"]);
    const target = tableTarget(table.get("name"), table.get("schema"));
    if (target && method === "create") readTableDefinition(target, table.rest, table.incomplete, range, flow, out, guarded);
    else if (target) emit(out, flow, { kind: "drop_table", table: target.table, range, ...(target.nameRange ? { nameRange: target.nameRange } : {}), ...(guarded ? { guarded: true } : {}) });
    else {
      const tables = [{ name: readNamePattern(table.get("name")), may: method === "create" ? ("exist" as const) : ("be-gone" as const) }];
      emit(out, flow, { kind: "unknown", reason: `Table.${method}() of a table named at run time is not read`, range, tables });
    }
    return true;
  }
  const dotted = dottedName(receiver, scope.module.text);
  const what = dotted ? `${dotted.join(".")}.${method}()` : `${method}() of a schema object`;
  emit(out, flow, { kind: "unknown", reason: `${what} is not read`, range });
  return true;
}
