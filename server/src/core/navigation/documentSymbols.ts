import { parser } from "@lezer/python";
import type { SyntaxNode } from "@lezer/common";
import { HEADER_NAMES } from "../alembic/revisionFile";
import { readStringLiteral } from "../python/stringLiteral";
import type { Range } from "../model/positions";
import { LineIndex } from "../text/lineIndex";

export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: "variable" | "function" | "operation";
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children: readonly OutlineSymbol[];
}

/**
 * The outline of a revision file: the header variables, each top-level function (upgrade,
 * downgrade, helpers) and, inside them, every `op.*` call; a `with op.batch_alter_table(...) as
 * batch_op:` holds the `batch_op.*` calls of its block.
 */
export function documentSymbols(text: string): OutlineSymbol[] {
  const tree = parser.parse(text);
  const lines = new LineIndex(text);
  const source = (n: SyntaxNode): string => text.slice(n.from, n.to);
  const symbols: OutlineSymbol[] = [];
  for (let statement = tree.topNode.firstChild; statement; statement = statement.nextSibling) {
    const fn = statement.name === "DecoratedStatement" ? statement.getChild("FunctionDefinition") : statement.name === "FunctionDefinition" ? statement : null;
    const fnName = fn?.getChild("VariableName");
    const body = fn?.getChild("Body");
    if (fn && fnName && body) {
      symbols.push({
        name: source(fnName),
        detail: source(fn.getChild("ParamList") ?? fnName),
        kind: "function",
        range: lines.range(statement.from, statement.to),
        selectionRange: lines.range(fnName.from, fnName.to),
        children: operations(body, ["op"]),
      });
      continue;
    }
    const target = statement.name === "AssignStatement" ? statement.firstChild : null;
    const value = statement.lastChild;
    if (target?.name === "VariableName" && (HEADER_NAMES as readonly string[]).includes(source(target)) && value && value !== target) {
      const shown = source(value).replace(/\s+/g, " ");
      symbols.push({
        name: source(target),
        detail: shown.length > 60 ? `${shown.slice(0, 59)}…` : shown,
        kind: "variable",
        range: lines.range(statement.from, statement.to),
        selectionRange: lines.range(target.from, target.to),
        children: [],
      });
    }
  }
  return symbols;

  /** Calls on one of `receivers` under `node`; not inside their own arguments (`op.f(...)` is no operation). */
  function operations(node: SyntaxNode, receivers: readonly string[]): OutlineSymbol[] {
    const found: OutlineSymbol[] = [];
    const visit = (n: SyntaxNode): void => {
      const callee = n.name === "CallExpression" ? n.firstChild : null;
      const object = callee?.name === "MemberExpression" ? callee.firstChild : null;
      const method = callee?.getChild("PropertyName");
      if (callee && object?.name === "VariableName" && method && receivers.includes(source(object))) {
        found.push({
          name: source(callee),
          detail: firstStringArgument(n) ?? "",
          kind: "operation",
          range: lines.range(n.from, n.to),
          selectionRange: lines.range(method.from, method.to),
          children: source(method) === "batch_alter_table" ? batchBlock(n) : [],
        });
        return;
      }
      for (let child = n.firstChild; child; child = child.nextSibling) visit(child);
    };
    visit(node);
    return found;
  }

  /** `with op.batch_alter_table(...) as name:` — the calls on `name` in the block. */
  function batchBlock(call: SyntaxNode): OutlineSymbol[] {
    const statement = call.parent;
    if (statement?.name !== "WithStatement") return [];
    const alias = statement.getChild("VariableName");
    const block = statement.getChild("Body");
    return alias && block ? operations(block, [source(alias)]) : [];
  }

  function firstStringArgument(call: SyntaxNode): string | undefined {
    const first = call.getChild("ArgList")?.firstChild?.nextSibling;
    if (first?.name !== "String") return undefined;
    const literal = readStringLiteral(source(first));
    return literal && !literal.isFormat ? literal.value : undefined;
  }
}
