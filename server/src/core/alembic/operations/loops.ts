import type { SyntaxNode } from "@lezer/common";
import { firstArgument, methodCall, readString, sequenceElements } from "./literals";
import { innerNodes, resolve, type Ref } from "./scope";

/** Loops longer than this are read once, with the loop variable unknown. */
const MAX_UNROLL = 64;

/** One value of a loop variable: an element, or a (key, value) pair of a dict's items(). */
export type LoopItem = Ref | readonly Ref[];

/**
 * The values a `for` loop takes when its iterable is written in the file: a list, tuple or set
 * (through names), `reversed()` / `sorted()` / `list()` / `tuple()` of one, or a dict literal
 * (its keys, `.keys()`, `.values()`, `.items()`).
 */
export function loopItems(ref: Ref): LoopItem[] | undefined {
  const items = readItems(ref);
  return items && items.length <= MAX_UNROLL ? items : undefined;
}

function readItems(ref: Ref): LoopItem[] | undefined {
  const { node, scope } = resolve(ref);
  const elements = sequenceElements({ node, scope });
  if (elements) return elements;
  if (node.name === "DictionaryExpression") return dictEntries(node, ref)?.map(([key]) => key);
  if (node.name !== "CallExpression") return undefined;
  const method = methodCall(node, scope.module.text);
  if (method) {
    const dict = resolve({ node: method.receiver, scope });
    if (dict.node.name !== "DictionaryExpression") return undefined;
    const entries = dictEntries(dict.node, dict);
    if (!entries) return undefined;
    if (method.method === "items") return entries;
    if (method.method === "keys") return entries.map(([key]) => key);
    if (method.method === "values") return entries.map(([, value]) => value);
    return undefined;
  }
  const callee = node.firstChild;
  const name = callee?.name === "VariableName" ? scope.text(callee) : undefined;
  const argument = firstArgument(node);
  if (!argument || !name || !["reversed", "sorted", "list", "tuple"].includes(name)) return undefined;
  const inner = readItems({ node: argument, scope });
  if (!inner) return undefined;
  if (name === "reversed") return [...inner].reverse();
  if (name === "sorted") {
    const keys = inner.map((item) => (Array.isArray(item) ? undefined : readString(item as Ref)?.value));
    if (keys.some((k) => k === undefined)) return undefined;
    return inner.map((item, i) => ({ item, key: keys[i] as string })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => e.item);
  }
  return inner;
}

/** `{k: v, ...}` as (key, value) pairs; undefined when it unpacks another dict. */
function dictEntries(node: SyntaxNode, ref: Ref): [Ref, Ref][] | undefined {
  const scope = resolve(ref).scope;
  const parts = innerNodes(node);
  if (parts.some((p) => p.name === "**")) return undefined;
  const entries: [Ref, Ref][] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) entries.push([{ node: parts[i] as SyntaxNode, scope }, { node: parts[i + 1] as SyntaxNode, scope }]);
  return entries;
}
