import type { SyntaxNode } from "@lezer/common";
import { ANY_NAME, exactName, type UncertainTables } from "../../schema/namePattern";
import type { Range } from "../../model/positions";
import { walkExpression } from "./calls";
import { emit, type Flow, type Output } from "./flow";
import { readHelperCall } from "./helpers";
import { rawArguments } from "./args";
import { dottedName, readString } from "./literals";
import { readModuleScope } from "./moduleScope";
import type { ParsedModule } from "./projectModules";
import type { Scope } from "./scope";

/**
 * A call of a function imported from the project's own modules (`from myapp.migrations.utils
 * import create_table`, `utils.add_columns(...)`): its body is read like a local helper's, with
 * the call's arguments, everything it does placed at the call. One that is there but cannot be
 * read becomes one `unknown` that may have created or removed any table; so does one from a
 * module not found whose name says it creates, drops or renames tables (`create_table_if_missing`),
 * for the tables its string arguments name. False for anything else (a library's function, a
 * local name).
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
  const range = scope.range(call);
  const display = dotted.join(".");
  if (!definition) {
    const verb = tableVerb(name);
    if (!verb) return false;
    const args = call.getChild("ArgList");
    if (args) walkExpression(args, scope, flow, out);
    const reason = `${display}() is not read: ${moduleName} is not found in the project`;
    emit(out, flow, { kind: "unknown", reason, range, tables: namedTables(call, scope, verb) });
    return true;
  }
  if (definition.kind === "other") return false;
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

type TableVerb = "create" | "drop" | "rename";

/** `create_table`, `drop_tables`, `_create_table_if_missing`, `rename_shadow_table`: what the name says it does to tables. */
function tableVerb(name: string): TableVerb | undefined {
  const words = name.toLowerCase().split("_").filter(Boolean);
  const verb = words[0];
  const onTables = words.includes("table") || words.includes("tables");
  return onTables && (verb === "create" || verb === "drop" || verb === "rename") ? verb : undefined;
}

/** The tables a call's string arguments name (any table when none does), as the verb may leave them. */
function namedTables(call: SyntaxNode, scope: Scope, verb: TableVerb): UncertainTables[] {
  const { positional, keywords } = rawArguments(call, scope);
  const names = [...positional, ...keywords.values()].flatMap((ref) => {
    const value = readString(ref)?.value;
    return value === undefined ? [] : [exactName(value)];
  });
  const may: UncertainTables["may"][] = verb === "create" ? ["exist"] : verb === "drop" ? ["be-gone"] : ["exist", "be-gone"];
  return (names.length > 0 ? names : [ANY_NAME]).flatMap((name) => may.map((m) => ({ name, may: m })));
}

/** The module's scope with every position placed at the call that reads it. */
function placedModuleScope(module: ParsedModule, at: Range, caller: Scope): Scope {
  const { sql, dialect, origin } = caller.module;
  const placed = { range: (): Range => at };
  return readModuleScope(module.tree.topNode, module.text, placed, module.env, sql, dialect, origin ? { ...origin, file: module.file } : undefined).scope;
}
