import type { SyntaxNode } from "@lezer/common";
import type { Range } from "../../model/positions";
import { evaluate, type PyValue } from "../../python/values";
import { readStringLiteral } from "../../python/stringLiteral";
import { innerNodes, resolve, resolveChain, unwrap, type Ref } from "./scope";

/** A string the migration passes, and where to point at it. */
export interface StringValue {
  readonly value: string;
  /** Inside the quotes when the literal is written in this function (or passed to it), else the argument. */
  readonly range: Range;
}

/** `sa.types.String` → ["sa", "types", "String"]; undefined for anything but names and attribute chains. */
export function dottedName(node: SyntaxNode, text: string): string[] | undefined {
  const n = unwrap(node);
  if (n.name === "VariableName") return [text.slice(n.from, n.to)];
  if (n.name !== "MemberExpression") return undefined;
  const object = n.firstChild;
  const property = n.lastChild;
  if (!object || property?.name !== "PropertyName") return undefined;
  const base = dottedName(object, text);
  return base ? [...base, text.slice(property.from, property.to)] : undefined;
}

/** The last name of a call's callee (`sa.Column(...)` → "Column"), or of a plain name. */
export function lastName(node: SyntaxNode, text: string): string | undefined {
  const n = unwrap(node);
  const callee = n.name === "CallExpression" ? n.firstChild : n;
  if (!callee) return undefined;
  if (callee.name === "VariableName") return text.slice(callee.from, callee.to);
  if (callee.name === "MemberExpression" && callee.lastChild?.name === "PropertyName") return text.slice(callee.lastChild.from, callee.lastChild.to);
  return undefined;
}

/** The callee of a call when it is `receiver.method`: the receiver node and the method name. */
export function methodCall(call: SyntaxNode, text: string): { receiver: SyntaxNode; method: string } | undefined {
  const callee = call.firstChild;
  if (call.name !== "CallExpression" || callee?.name !== "MemberExpression") return undefined;
  const receiver = callee.firstChild;
  const property = callee.lastChild;
  if (!receiver || property?.name !== "PropertyName") return undefined;
  return { receiver, method: text.slice(property.from, property.to) };
}

export function firstArgument(call: SyntaxNode): SyntaxNode | undefined {
  const args = call.getChild("ArgList");
  const first = args ? innerNodes(args)[0] : undefined;
  return first && first.nextSibling?.name !== "AssignOp" && first.name !== "*" && first.name !== "**" ? first : undefined;
}

/** Wrappers that keep a name as written: `op.f("ix_a")`, `batch_op.f(...)`, `conv(...)`, `quoted_name("A", True)`. */
function isNameWrapper(call: SyntaxNode, text: string): boolean {
  const name = lastName(call, text);
  return name === "conv" || name === "quoted_name" || (name === "f" && methodCall(call, text) !== undefined);
}

const MAX_WRAPPERS = 4;
let wrapperDepth = 0;

/** Reads a string argument: literals, names bound to them, concatenations, `op.f()`, f-strings of known names. */
export function readString(ref: Ref): StringValue | undefined {
  const chain = resolveChain(ref);
  const last = chain[chain.length - 1] ?? ref;
  const found = readResolvedString(last);
  if (!found) return undefined;
  // Point at the literal when this function (or its caller) wrote it; a module constant is
  // pointed at where the function uses it.
  if (!last.scope.isModule || ref.scope.isModule) return found;
  const local = [...chain].reverse().find((r) => !r.scope.isModule) ?? ref;
  return { value: found.value, range: local.scope.range(local.node) };
}

function readResolvedString({ node, scope }: Ref): StringValue | undefined {
  if (node.name === "String") {
    const literal = readStringLiteral(scope.text(node));
    if (!literal || literal.isBytes || literal.isFormat) return undefined;
    const from = node.from + literal.bodyOffset;
    return { value: literal.value, range: scope.range({ from, to: from + literal.body.length }) };
  }
  if (node.name === "FormatString") {
    const value = readFormatString({ node, scope });
    return value === undefined ? undefined : { value, range: scope.range(node) };
  }
  if (node.name === "CallExpression" && isNameWrapper(node, scope.module.text) && wrapperDepth < MAX_WRAPPERS) {
    const first = firstArgument(node);
    wrapperDepth++;
    try {
      return first ? readString({ node: first, scope }) : undefined;
    } finally {
      wrapperDepth--;
    }
  }
  const value = evaluate(node, scope.module.text, scope.values);
  return value.kind === "str" ? { value: value.value, range: scope.range(node) } : undefined;
}

/** Reads a list of names (`["a", "b"]`, a tuple, a name bound to one, or a single string). */
export function readStringList(ref: Ref): { readonly items: StringValue[]; readonly complete: boolean } | undefined {
  const target = resolve(ref);
  const single = readString(ref);
  if (single) return { items: [single], complete: true };
  const elements = sequenceElements(target);
  if (elements) {
    const items = elements.map((e) => readString(e));
    return { items: items.filter((i): i is StringValue => i !== undefined), complete: items.every((i) => i !== undefined) };
  }
  // A concatenation of lists: values only.
  const value = evaluate(target.node, target.scope.module.text, target.scope.values);
  if (value.kind !== "seq") return undefined;
  const strings = value.items.filter((v): v is Extract<PyValue, { kind: "str" }> => v.kind === "str");
  const range = target.scope.range(target.node);
  return { items: strings.map((s) => ({ value: s.value, range })), complete: strings.length === value.items.length };
}

/** The elements of a list, tuple or set written as a literal (after following names). */
export function sequenceElements(ref: Ref): Ref[] | undefined {
  const target = resolve(ref);
  const binding = target.node.name === "VariableName" ? target.scope.lookup(target.scope.text(target.node)) : undefined;
  if (binding?.kind === "args") return [...binding.items];
  if (!["ArrayExpression", "TupleExpression", "SetExpression"].includes(target.node.name)) return undefined;
  return innerNodes(target.node).map((node) => ({ node, scope: target.scope }));
}

export function readBoolean(ref: Ref): boolean | undefined {
  const { node, scope } = resolve(ref);
  const text = scope.text(node);
  if (node.name === "Boolean") return text === "True";
  if (node.name === "Number") return Number(text) !== 0;
  if (node.name === "UnaryExpression" && node.firstChild?.name === "not" && node.lastChild) {
    const inner = readBoolean({ node: node.lastChild, scope });
    return inner === undefined ? undefined : !inner;
  }
  return undefined;
}

export function readNumber(ref: Ref): number | undefined {
  const { node, scope } = resolve(ref);
  if (node.name !== "Number") return undefined;
  const value = Number(scope.text(node).replace(/_/g, ""));
  return Number.isFinite(value) ? value : undefined;
}

export function isNone(ref: Ref): boolean {
  return resolve(ref).node.name === "None";
}

/** An f-string whose replacements are plain names bound to strings (`f"ix_{table}_id"`). */
function readFormatString(ref: Ref): string | undefined {
  const { node, scope } = ref;
  const source = scope.text(node);
  const literal = readStringLiteral(source);
  if (!literal || literal.isBytes) return undefined;
  const prefix = literal.prefix.replace("f", "");
  const bodyStart = node.from + literal.bodyOffset;
  const bodyEnd = bodyStart + literal.body.length;
  let out = "";
  let at = bodyStart;
  const decode = (from: number, to: number): string | undefined => {
    const segment = scope.module.text.slice(from, to).replace(/\{\{/g, "{").replace(/\}\}/g, "}");
    return readStringLiteral(`${prefix}${literal.quote}${segment}${literal.quote}`)?.value;
  };
  for (const part of node.getChildren("FormatReplacement")) {
    const inner = innerNodes(part).filter((c) => c.name !== "{" && c.name !== "}");
    const name = inner[0];
    if (inner.length !== 1 || name?.name !== "VariableName") return undefined;
    const value = readString({ node: name, scope });
    const before = decode(at, part.from);
    if (value === undefined || before === undefined) return undefined;
    out += before + value.value;
    at = part.to;
  }
  const rest = decode(at, bodyEnd);
  return rest === undefined ? undefined : out + rest;
}
