import type { SyntaxNode } from "@lezer/common";
import { sequenceElements } from "./literals";
import type { Ref, Scope } from "./scope";

/** A call's arguments matched to a Python signature, as the call would bind them. */
export interface BoundArguments {
  get(name: string): Ref | undefined;
  has(name: string): boolean;
  /** Positional arguments past the signature (`*columns` of create_table), `*list` expanded. */
  readonly rest: readonly Ref[];
  /** A `*args` that could not be expanded, or a `**kwargs`: some arguments are not known. */
  readonly incomplete: boolean;
}

interface RawArguments {
  readonly positional: Ref[];
  readonly keywords: Map<string, Ref>;
  incomplete: boolean;
}

/** Splits an ArgList into positional (starred lists expanded) and keyword arguments. */
export function rawArguments(call: SyntaxNode, scope: Scope): RawArguments {
  const raw: RawArguments = { positional: [], keywords: new Map(), incomplete: false };
  const list = call.getChild("ArgList");
  if (!list) return raw;
  let group: SyntaxNode[] = [];
  const flush = (): void => {
    const [first, second, third] = group;
    if (first?.name === "VariableName" && second?.name === "AssignOp" && third) raw.keywords.set(scope.text(first), { node: third, scope });
    else if (first?.name === "*" && second) {
      const items = sequenceElements({ node: second, scope });
      if (items) raw.positional.push(...items);
      else raw.incomplete = true;
    } else if (first?.name === "**") raw.incomplete = true;
    else if (first) raw.positional.push({ node: first, scope });
    group = [];
  };
  for (let c = list.firstChild; c; c = c.nextSibling) {
    if (c.name === "(" || c.name === ")" || c.name === "Comment") continue;
    if (c.name === ",") flush();
    else group.push(c);
  }
  flush();
  return raw;
}

export function bindArguments(call: SyntaxNode, scope: Scope, signature: readonly string[]): BoundArguments {
  const raw = rawArguments(call, scope);
  const named = new Map(raw.keywords);
  raw.positional.slice(0, signature.length).forEach((ref, i) => named.set(signature[i] as string, ref));
  return {
    get: (name) => named.get(name),
    has: (name) => named.has(name),
    rest: raw.positional.slice(signature.length),
    incomplete: raw.incomplete,
  };
}
