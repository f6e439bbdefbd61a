import type { SyntaxNode } from "@lezer/common";
import { evaluate } from "../../python/values";
import { asksWhatExists } from "./conditions";
import { sequenceElements } from "./literals";
import { classifyReceiver } from "./receivers";
import { innerNodes, resolve, type Ref, type Scope } from "./scope";

/** Binds `name` in `target` to what `ref` holds: op, a batch, a connection, an inspector's answer, or an expression. */
export function bindValue(target: Scope, name: string, ref: Ref): void {
  const resolved = resolve(ref);
  const receiver = classifyReceiver(resolved);
  if (receiver) return target.bind(name, receiver);
  const { node, scope } = resolved;
  if (node.name === "VariableName") {
    // A name the reader does not follow as an expression (a function, a loop variable): same binding.
    const binding = scope.lookup(scope.text(node));
    if (binding) return target.bind(name, binding, scope.values.get(scope.text(node)));
  }
  const value = evaluate(node, scope.module.text, scope.values);
  // A literal (an existence query's SQL text, say) stays readable; what the database answers does not.
  if (value.kind === "unknown" && asksWhatExists(resolved)) return target.bind(name, { kind: "introspection" });
  target.bind(name, { kind: "expr", ref: resolved }, value);
}

export function bindOpaque(target: Scope, name: string): void {
  target.bind(name, { kind: "opaque" });
}

/**
 * Binds assignment or loop targets (`a`, `a, b`, `(a, b)`, `[a, b]`) to a value: a tuple value
 * is unpacked element by element when its length matches; anything else makes the names opaque.
 * Attribute and subscript targets bind nothing.
 */
export function bindTargets(target: Scope, targets: readonly SyntaxNode[], value: Ref | readonly Ref[] | undefined): void {
  const names = targets.filter((t) => t.name !== ",");
  const only = names.length === 1 ? names[0] : undefined;
  if (only?.name === "VariableName") {
    if (value && !Array.isArray(value)) bindValue(target, target.text(only), value as Ref);
    else bindOpaque(target, target.text(only));
    return;
  }
  if (only && !UNPACKED.has(only.name)) return;
  const parts = only ? innerNodes(only) : names;
  const elements = value === undefined ? undefined : Array.isArray(value) ? (value as readonly Ref[]) : sequenceElements(value as Ref);
  parts.forEach((part, i) => bindTargets(target, [part], elements && elements.length === parts.length ? elements[i] : undefined));
}

const UNPACKED = new Set(["TupleExpression", "ArrayExpression", "ParenthesizedExpression"]);

/** `x = value`, `a = b = value`, `a, b = 1, 2`, `x: T = value`. */
export function bindAssignment(statement: SyntaxNode, scope: Scope): void {
  const parts: SyntaxNode[] = [];
  for (let c = statement.firstChild; c; c = c.nextSibling) if (c.name !== "Comment") parts.push(c);
  const lastOp = parts.map((p) => p.name).lastIndexOf("AssignOp");
  const valueNodes = parts.slice(lastOp + 1);
  const values = valueNodes.filter((n) => n.name !== ",");
  if (lastOp < 0 || values.length === 0) return;
  const value = valueNodes.length === 1 && values[0] ? { node: values[0], scope } : values.map((node) => ({ node, scope }));
  let group: SyntaxNode[] = [];
  for (const part of parts.slice(0, lastOp + 1)) {
    if (part.name === "AssignOp") {
      bindTargets(scope, group, value);
      group = [];
    } else if (part.name !== "TypeDef") group.push(part);
  }
}

/** Names bound by targets, for making them opaque. */
export function targetNames(targets: readonly SyntaxNode[], scope: Scope): string[] {
  return targets.flatMap((t) => (t.name === "VariableName" ? [scope.text(t)] : UNPACKED.has(t.name) ? targetNames(innerNodes(t), scope) : []));
}
