import type { SyntaxNode } from "@lezer/common";
import { ANY_NAME } from "../../schema/namePattern";
import type { Range } from "../../model/positions";
import { walkExpression } from "./calls";
import { emit, type Flow, type Output } from "./flow";
import { readHelperCall } from "./helpers";
import { dottedName } from "./literals";
import { readModuleScope } from "./moduleScope";
import type { ParsedModule } from "./projectModules";
import type { Scope } from "./scope";

/**
 * A call of a function imported from the project's own modules (`from myapp.migrations.utils
 * import create_table`, `utils.add_columns(...)`): its body is read like a local helper's, with
 * the call's arguments, everything it does placed at the call. One that is there but cannot be
 * read becomes one `unknown` that may have created or removed any table. False when the callee
 * is not imported from the project (a library's function, a local name).
 */
export function readImportedCall(call: SyntaxNode, scope: Scope, flow: Flow, out: Output): boolean {
  const origin = scope.module.origin;
  const callee = call.firstChild;
  const dotted = callee ? dottedName(callee, scope.module.text) : undefined;
  const head = dotted?.[0];
  if (!origin || !dotted || !head || scope.lookup(head)) return false;
  const value = scope.values.get(head);
  const symbol = value?.kind === "unknown" ? value.symbol : undefined;
  if (!symbol) return false;
  // `create_table(...)` from `from m import create_table`; `utils.create_table(...)` from `from m import utils` or `import m.utils as utils`.
  const path = symbol.name === undefined ? [symbol.module, ...dotted.slice(1)] : [symbol.module, symbol.name, ...dotted.slice(1)];
  const name = path.pop();
  if (!name || path.length === 0) return false;
  const moduleName = path.join(".");
  const definition = origin.project.definition(origin.file, moduleName, name);
  if (!definition || definition.kind === "other") return false;
  const range = scope.range(call);
  const display = dotted.join(".");
  if (definition.kind === "unreadable") {
    const args = call.getChild("ArgList");
    if (args) walkExpression(args, scope, flow, out);
    const reason = `${display}() is not read: ${moduleName} does not define it as a plain function`;
    emit(out, flow, { kind: "unknown", reason, range, tables: [{ name: ANY_NAME, may: "exist" }, { name: ANY_NAME, may: "be-gone" }] });
    return true;
  }
  const binding = placedModuleScope(definition.module, range, scope).lookup(definition.name);
  if (binding?.kind !== "function") return false;
  readHelperCall(display, binding, call, scope, flow, out);
  return true;
}

/** The module's scope with every position placed at the call that reads it. */
function placedModuleScope(module: ParsedModule, at: Range, caller: Scope): Scope {
  const { sql, dialect, origin } = caller.module;
  const placed = { range: (): Range => at };
  return readModuleScope(module.tree.topNode, module.text, placed, module.env, sql, dialect, origin ? { ...origin, file: module.file } : undefined).scope;
}
