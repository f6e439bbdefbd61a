import type { SyntaxNode } from "@lezer/common";
import type { QualifiedName } from "../../schema/operations";
import type { SqlDialect, SqlToOperations } from "../../schema/sqlContract";
import type { Range } from "../../model/positions";
import type { LineIndex } from "../../text/lineIndex";
import type { ProjectModules } from "./projectModules";
import type { PyValue } from "../../python/values";
// A cycle, used only at run time: a call of a one-line helper resolves to what it returns.
import { returnedExpression } from "./helpers";

/** Where the migration file's reading comes from, to follow calls into the project's own modules. */
export interface ModuleOrigin {
  readonly file: string;
  readonly project: ProjectModules;
}

/** What the whole reading of one file shares. */
export interface ModuleInfo {
  readonly text: string;
  /**
   * Positions in the revision file. A project module read for one call places everything in it
   * at that call: findings belong in the revision, not in the helper's file.
   */
  readonly lines: Pick<LineIndex, "range">;
  readonly sql: SqlToOperations;
  readonly dialect: SqlDialect;
  /** Names bound to `alembic.op` by imports (`from alembic import op as alembic_op`). */
  readonly opNames: ReadonlySet<string>;
  /** Names imported from `alembic.op` itself (`from alembic.op import drop_table`): name → method. */
  readonly opFunctions: ReadonlyMap<string, string>;
  readonly origin?: ModuleOrigin;
}

/** An expression, read where it was written: names in it mean what they meant there. */
export interface Ref {
  readonly node: SyntaxNode;
  readonly scope: Scope;
}

/** A table that operations apply to, and where its name is written. */
export interface TableTarget {
  readonly table: QualifiedName;
  readonly nameRange?: Range;
}

/** What a name holds, as far as reading operations is concerned. */
export type Binding =
  | { readonly kind: "expr"; readonly ref: Ref }
  | { readonly kind: "op" }
  /** `with op.batch_alter_table("t") as batch_op`: undefined table when its name is not a literal. */
  | { readonly kind: "batch"; readonly target: TableTarget | undefined }
  /** `op.get_bind()`, `op.get_context()` and what is made from them: `.execute()` on it runs SQL. */
  | { readonly kind: "connection" }
  /** What an inspector returned (`existing = inspector.get_columns("t")`): a test on it is a guard. */
  | { readonly kind: "introspection" }
  | { readonly kind: "function"; readonly def: SyntaxNode; readonly scope: Scope }
  /** A helper's `*args`: the call's extra positional arguments, each read where the call wrote it. */
  | { readonly kind: "args"; readonly items: readonly Ref[] }
  /** Something the reader does not follow (a loop over run-time data, a class): shadows outer names. */
  | { readonly kind: "opaque" };

/** One Python scope: the module, a function call, or a helper called from it. */
export class Scope {
  /** Literal values visible here (module constants and local assignments), for `evaluate`. */
  readonly values: Map<string, PyValue>;
  private readonly bindings = new Map<string, Binding>();

  constructor(
    readonly module: ModuleInfo,
    readonly parent: Scope | undefined,
    values: ReadonlyMap<string, PyValue>,
  ) {
    this.values = new Map(values);
  }

  get isModule(): boolean {
    return this.parent === undefined;
  }

  lookup(name: string): Binding | undefined {
    return this.bindings.get(name) ?? this.parent?.lookup(name);
  }

  /** Binds a name; `value` is its literal value when it has one (else outer values are shadowed). */
  bind(name: string, binding: Binding, value?: PyValue): void {
    this.bindings.set(name, binding);
    if (value && value.kind !== "unknown") this.values.set(name, value);
    else this.values.delete(name);
  }

  text(node: SyntaxNode): string {
    return this.module.text.slice(node.from, node.to);
  }

  range(node: { readonly from: number; readonly to: number }): Range {
    return this.module.lines.range(node.from, node.to);
  }
}

const MAX_CHAIN = 32;
/** Helper calls followed to what they return, in one chain. */
const MAX_RETURNS = 4;

/** Strips parentheses around a single expression. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.name === "ParenthesizedExpression") {
    const inner = innerNodes(current);
    if (inner.length !== 1 || !inner[0]) break;
    current = inner[0];
  }
  return current;
}

/**
 * Follows names to the expressions they were bound to, through local variables, parameters,
 * module constants and one-line helpers' return values. The chain starts with `ref` and ends
 * with the expression itself.
 */
export function resolveChain(ref: Ref): Ref[] {
  const chain: Ref[] = [];
  let current: Ref = { node: unwrap(ref.node), scope: ref.scope };
  let returns = 0;
  for (let i = 0; i < MAX_CHAIN; i++) {
    chain.push(current);
    if (current.node.name === "CallExpression") {
      const returned = returns++ < MAX_RETURNS ? returnedExpression(current.node, current.scope) : undefined;
      if (!returned) break;
      current = { node: unwrap(returned.node), scope: returned.scope };
      continue;
    }
    if (current.node.name !== "VariableName") break;
    const binding = current.scope.lookup(current.scope.text(current.node));
    if (binding?.kind !== "expr") break;
    current = { node: unwrap(binding.ref.node), scope: binding.ref.scope };
  }
  return chain;
}

export function resolve(ref: Ref): Ref {
  const chain = resolveChain(ref);
  return chain[chain.length - 1] ?? ref;
}

/** The child nodes that are not punctuation. */
export function innerNodes(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (!PUNCTUATION.has(c.name) && c.name !== "Comment") out.push(c);
  }
  return out;
}

const PUNCTUATION = new Set(["(", ")", "[", "]", "{", "}", ",", ":"]);
