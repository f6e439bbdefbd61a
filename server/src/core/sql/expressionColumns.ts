import type { Node } from "sql-parser-cst";
import { identifierOf, type StatementContext } from "./statementContext";

/**
 * The names an expression reads (a CHECK's columns): every identifier in it but the names of the
 * functions it calls. PostgreSQL drops a constraint with any column it involves.
 */
export function expressionColumns(ctx: StatementContext, expression: Node): string[] {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    const typed = node as { type?: string };
    if (typed.type === "identifier") {
      names.add(identifierOf(ctx, node as Extract<Node, { type: "identifier" }>));
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "range" || (typed.type === "func_call" && key === "name")) continue;
      // `"Field"."templateId"`: the column is the property, not the table before it.
      if (typed.type === "member_expr" && key === "object") continue;
      visit(value);
    }
  };
  visit(expression);
  return [...names];
}
