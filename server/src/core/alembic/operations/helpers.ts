import type { SyntaxNode } from "@lezer/common";
import { rawArguments } from "./args";
import { bindOpaque, bindValue } from "./bindings";
import { emit, MAX_HELPER_DEPTH, type Flow, type Output } from "./flow";
import { innerNodes, Scope, type Binding, type Ref } from "./scope";
import { walkBody } from "./statements";
import { tablesTouched } from "./tablesTouched";

interface Parameter {
  readonly name: string;
  readonly default?: SyntaxNode;
  readonly kind: "plain" | "keyword" | "varargs" | "kwargs";
}

/**
 * Reads the operations of a function the migration defines and calls (`_add_columns("t", [...])`):
 * its parameters are bound to the call's arguments, read where the call wrote them. Helpers are
 * followed `MAX_HELPER_DEPTH` calls deep; a deeper one that has operations becomes one `unknown`.
 */
export function readHelperCall(name: string, binding: FunctionBinding, call: SyntaxNode, scope: Scope, flow: Flow, out: Output): void {
  const body = binding.def.getChild("Body");
  const frame = { def: binding.def, text: binding.scope.module.text };
  if (!body || flow.helpers.some((h) => h.text === frame.text && h.def.from === frame.def.from)) return;
  // helpers[0] is upgrade() or downgrade() itself.
  const inner = { ...flow, helpers: [...flow.helpers, frame] };
  if (flow.helpers.length > MAX_HELPER_DEPTH) {
    // Too deep to report its operations; read it aside only to say whether it has any, and which tables they touch.
    const aside: Output = { operations: [], problems: [] };
    walkBody(body, callScope(binding, call, scope), inner, aside);
    if (aside.operations.length > 0) {
      const reason = `the operations of ${name}(), a helper called more than ${MAX_HELPER_DEPTH} calls deep, are not read`;
      emit(out, flow, { kind: "unknown", reason, range: scope.range(call), tables: tablesTouched(aside.operations) });
    }
    return;
  }
  walkBody(body, callScope(binding, call, scope), inner, out);
}

type FunctionBinding = Extract<Binding, { kind: "function" }>;

/** A function's scope for one call: its parameters bound to the call's arguments. */
function callScope(binding: FunctionBinding, call: SyntaxNode, callerScope: Scope): Scope {
  // The function's own module: a project module's helper reads its names there.
  const local = new Scope(binding.scope.module, binding.scope, binding.scope.values);
  bindParameters(parameters(binding.def, binding.scope), call, callerScope, local, binding.scope);
  return local;
}

/**
 * What a call of a one-line function returns (`def _tenant_fk(t): return sa.ForeignKeyConstraint(...)`),
 * read with the call's arguments; undefined for anything else.
 */
export function returnedExpression(call: SyntaxNode, scope: Scope): Ref | undefined {
  const callee = call.firstChild;
  const binding = callee?.name === "VariableName" ? scope.lookup(scope.text(callee)) : undefined;
  if (binding?.kind !== "function" || returnDepth >= MAX_RETURN_DEPTH) return undefined;
  const statements = innerNodes(binding.def.getChild("Body") ?? binding.def).filter((s) => !(s.name === "ExpressionStatement" && s.firstChild?.name === "String"));
  const only = statements.length === 1 ? statements[0] : undefined;
  const value = only?.name === "ReturnStatement" ? only.lastChild : undefined;
  if (!value || value.name === "return") return undefined;
  // Binding the arguments resolves them, which does not follow helpers again (`f(f(x))`).
  returnDepth++;
  try {
    return { node: value, scope: callScope(binding, call, scope) };
  } finally {
    returnDepth--;
  }
}

const MAX_RETURN_DEPTH = 1;
let returnDepth = 0;

function parameters(def: SyntaxNode, scope: Scope): Parameter[] {
  const list = def.getChild("ParamList");
  const out: Parameter[] = [];
  let keywordOnly = false;
  let pending: "varargs" | "kwargs" | undefined;
  for (let c = list?.firstChild; c; c = c.nextSibling) {
    if (c.name === "*") pending = "varargs";
    else if (c.name === "**") pending = "kwargs";
    else if (c.name === ",") {
      if (pending === "varargs") keywordOnly = true; // a bare `*`
      pending = undefined;
    } else if (c.name === "VariableName") {
      const next = c.nextSibling?.name === "TypeDef" ? c.nextSibling.nextSibling : c.nextSibling;
      const defaultNode = next?.name === "AssignOp" ? (next.nextSibling ?? undefined) : undefined;
      const kind = pending ?? (keywordOnly ? "keyword" : "plain");
      if (pending === "varargs") keywordOnly = true;
      pending = undefined;
      out.push({ name: scope.text(c), kind, ...(defaultNode ? { default: defaultNode } : {}) });
    }
  }
  return out;
}

function bindParameters(params: readonly Parameter[], call: SyntaxNode, callerScope: Scope, local: Scope, definedIn: Scope): void {
  const { positional, keywords, incomplete } = rawArguments(call, callerScope);
  let next = 0;
  for (const param of params) {
    let value: Ref | undefined;
    if (param.kind === "varargs" && !incomplete) {
      local.bind(param.name, { kind: "args", items: positional.slice(next) });
      next = positional.length;
      continue;
    }
    if (param.kind === "plain") value = positional[next++] ?? keywords.get(param.name);
    else if (param.kind === "keyword") value = keywords.get(param.name);
    if (!value && param.default) value = { node: param.default, scope: definedIn };
    if (value) bindValue(local, param.name, value);
    else bindOpaque(local, param.name);
  }
}
