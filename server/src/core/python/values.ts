import type { SyntaxNode } from "@lezer/common";
import { readStringLiteral } from "./stringLiteral";

/** What the analysis knows of a Python expression without running it. */
export type PyValue =
  | { readonly kind: "none"; readonly from: number; readonly to: number }
  | {
      readonly kind: "str";
      readonly value: string;
      readonly from: number;
      readonly to: number;
      /** Offsets of the text inside the quotes, for a single literal written in place. */
      readonly inner?: { readonly from: number; readonly to: number };
    }
  | { readonly kind: "seq"; readonly items: readonly PyValue[]; readonly from: number; readonly to: number }
  | { readonly kind: "unknown"; readonly from: number; readonly to: number; readonly symbol?: ModuleSymbol };

/** A name imported from another module: `module` is dotted (leading dots for relative imports). */
export interface ModuleSymbol {
  readonly module: string;
  /** The attribute read from the module; absent when the value is the module itself. */
  readonly name?: string;
}

export type Environment = ReadonlyMap<string, PyValue>;

/**
 * Evaluates the literal subset of Python that migration headers use: None, strings (with
 * implicit and `+` concatenation), tuples and lists, and names bound earlier in the module.
 */
export function evaluate(node: SyntaxNode, source: string, env: Environment): PyValue {
  const { from, to } = node;
  switch (node.name) {
    case "None":
      return { kind: "none", from, to };
    case "String": {
      const literal = readStringLiteral(source.slice(from, to));
      if (!literal || literal.isBytes || literal.isFormat) return { kind: "unknown", from, to };
      const innerFrom = from + literal.bodyOffset;
      return { kind: "str", value: literal.value, from, to, inner: { from: innerFrom, to: innerFrom + literal.body.length } };
    }
    case "ContinuedString":
      return concatenate(children(node).map((c) => evaluate(c, source, env)), from, to);
    case "ParenthesizedExpression": {
      const inner = children(node).filter((c) => c.name !== "(" && c.name !== ")");
      return inner.length === 1 && inner[0] ? evaluate(inner[0], source, env) : { kind: "unknown", from, to };
    }
    case "TupleExpression":
    case "ArrayExpression":
      return { kind: "seq", items: elements(node).map((c) => evaluate(c, source, env)), from, to };
    case "BinaryExpression": {
      const parts = children(node);
      const [left, op, right] = parts;
      if (parts.length !== 3 || !left || !right || source.slice(op!.from, op!.to) !== "+") return { kind: "unknown", from, to };
      return concatenate([evaluate(left, source, env), evaluate(right, source, env)], from, to);
    }
    case "VariableName": {
      const bound = env.get(source.slice(from, to));
      if (!bound) return { kind: "unknown", from, to };
      return bound.kind === "str" ? { kind: "str", value: bound.value, from, to } : { ...bound, from, to };
    }
    case "MemberExpression": {
      // `module.NAME`: kept as a symbol that the workspace may read from the module's source.
      const [object, dot, property] = children(node);
      if (!object || dot?.name !== "." || property?.name !== "PropertyName") return { kind: "unknown", from, to };
      const base = evaluate(object, source, env);
      const attribute = source.slice(property.from, property.to);
      if (base.kind !== "unknown" || !base.symbol) return { kind: "unknown", from, to };
      const module = base.symbol.name === undefined ? base.symbol.module : joinModule(base.symbol.module, base.symbol.name);
      return { kind: "unknown", from, to, symbol: { module, name: attribute } };
    }
    default:
      return { kind: "unknown", from, to };
  }
}

/** Evaluates the right-hand side of an assignment, which may be a bare `a, b` tuple. */
export function evaluateAssignedValue(nodes: readonly SyntaxNode[], source: string, env: Environment): PyValue | undefined {
  const values = nodes.filter((n) => n.name !== ",");
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (!first || !last) return undefined;
  if (values.length === 1 && nodes.length === 1) return evaluate(first, source, env);
  return { kind: "seq", items: values.map((v) => evaluate(v, source, env)), from: first.from, to: last.to };
}

function concatenate(parts: PyValue[], from: number, to: number): PyValue {
  if (parts.every((p) => p.kind === "str")) {
    return { kind: "str", value: parts.map((p) => (p.kind === "str" ? p.value : "")).join(""), from, to };
  }
  if (parts.every((p) => p.kind === "seq")) {
    return { kind: "seq", items: parts.flatMap((p) => (p.kind === "seq" ? p.items : [])), from, to };
  }
  // A known tuple joined with something unknown: keep what is known, mark the rest.
  if (parts.some((p) => p.kind === "seq") && parts.every((p) => p.kind === "seq" || p.kind === "unknown")) {
    return { kind: "seq", items: parts.flatMap((p) => (p.kind === "seq" ? p.items : [p])), from, to };
  }
  return { kind: "unknown", from, to };
}

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function elements(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((c) => !["(", ")", "[", "]", ","].includes(c.name));
}

export function joinModule(module: string, name: string): string {
  return module.endsWith(".") ? `${module}${name}` : `${module}.${name}`;
}
