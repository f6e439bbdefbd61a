import type { SyntaxNode } from "@lezer/common";
import type { PyValue } from "../../python/values";
import type { SqlDialect, SqlToOperations } from "../../schema/sqlContract";
import type { LineIndex } from "../../text/lineIndex";
import { bindAssignment } from "./bindings";
import { Scope, type ModuleInfo, type ModuleOrigin } from "./scope";
import { bindFunction } from "./statements";

/** Statements whose bodies run at import time, as `bindModule` reads them. */
const MODULE_BLOCKS = new Set(["IfStatement", "TryStatement", "WithStatement"]);

/**
 * The module's scope as upgrade() sees it when called: its constants (from `env`), the
 * expressions its names are bound to, its functions, and the names `alembic.op` is imported as.
 * Also returns the module-level function definitions in source order.
 */
export function readModuleScope(
  top: SyntaxNode,
  text: string,
  lines: Pick<LineIndex, "range">,
  env: ReadonlyMap<string, PyValue>,
  sql: SqlToOperations,
  dialect: SqlDialect,
  origin?: ModuleOrigin,
): { scope: Scope; functions: SyntaxNode[] } {
  const opNames = new Set<string>();
  const opFunctions = new Map<string, string>();
  for (const [name, value] of env) {
    const symbol = value.kind === "unknown" ? value.symbol : undefined;
    if (!symbol) continue;
    if ((symbol.module === "alembic" && symbol.name === "op") || (symbol.module === "alembic.op" && symbol.name === undefined)) opNames.add(name);
    else if (symbol.module === "alembic.op" && symbol.name) opFunctions.set(name, symbol.name);
  }
  const module: ModuleInfo = { text, lines, sql, dialect, opNames, opFunctions, ...(origin ? { origin } : {}) };
  const scope = new Scope(module, undefined, env);
  const functions: SyntaxNode[] = [];
  const visit = (container: SyntaxNode): void => {
    for (let statement = container.firstChild; statement; statement = statement.nextSibling) {
      if (statement.name === "FunctionDefinition" || statement.name === "DecoratedStatement") {
        bindFunction(statement, scope);
        const def = statement.name === "DecoratedStatement" ? statement.getChild("FunctionDefinition") : statement;
        if (def) functions.push(def);
      } else if (statement.name === "AssignStatement") bindAssignment(statement, scope);
      else if (MODULE_BLOCKS.has(statement.name)) for (const body of statement.getChildren("Body")) visit(body);
      else if (statement.name === "StatementGroup") visit(statement);
    }
  };
  visit(top);
  return { scope, functions };
}
