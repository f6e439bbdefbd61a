import type { SyntaxNode, Tree } from "@lezer/common";
import type { OperationBlock } from "../../schema/operations";
import type { SqlDialect, SqlToOperations } from "../../schema/sqlContract";
import type { PyValue } from "../../python/values";
import type { LineIndex } from "../../text/lineIndex";
import { emit, TOP_FLOW, type Output } from "./flow";
import { readModuleScope } from "./moduleScope";
import { Scope, type ModuleOrigin } from "./scope";
import { walkBody } from "./statements";

export interface MigrationOperations {
  readonly upgrade: OperationBlock;
  readonly downgrade: OperationBlock;
}

/**
 * What a revision file's `upgrade()` and `downgrade()` do to the schema, read from their
 * `op.*` calls and literal SQL without running them. `env` holds the module-level bindings;
 * with `origin`, calls of functions imported from the project's own modules are read too.
 */
export function readMigrationOperations(
  tree: Tree,
  text: string,
  lines: LineIndex,
  env: ReadonlyMap<string, PyValue>,
  sql: SqlToOperations,
  dialect: SqlDialect,
  origin?: ModuleOrigin,
): MigrationOperations {
  const { scope, functions } = readModuleScope(tree.topNode, text, lines, env, sql, dialect, origin);
  const block = (name: string): OperationBlock => {
    // The last definition wins, as when the module is imported.
    const def = functions.filter((f) => nameOf(f, scope) === name).pop();
    return def ? readBlock(def, scope) : boundElsewhere(name, scope, env);
  };
  return { upgrade: block("upgrade"), downgrade: block("downgrade") };
}

function readBlock(def: SyntaxNode, module: Scope): OperationBlock {
  const body = def.getChild("Body");
  const out: Output = { operations: [], problems: [], executed: [] };
  const colon = body?.firstChild?.name === ":" ? body.firstChild : undefined;
  const range = module.range({ from: def.from, to: colon?.to ?? def.to });
  if (!body) return { present: true, operations: [], problems: [], range };
  walkBody(body, new Scope(module.module, module, module.values), { ...TOP_FLOW, helpers: [{ def, text: module.module.text }] }, out);
  const dispatch = globalsDispatch(body, module);
  if (dispatch) {
    emit(out, TOP_FLOW, { kind: "unknown", reason: "the per-database functions of a multi-database migration are not read", range: module.range(dispatch) });
  }
  // `raise NotImplementedError` (or any raise) directly in the body: irreversible on purpose.
  const raises = body.getChildren("RaiseStatement").length > 0;
  const executed = out.executed ?? [];
  return { present: true, operations: out.operations, problems: out.problems, range, ...(raises ? { raises } : {}), ...(executed.length > 0 ? { executedSql: executed } : {}) };
}

/**
 * No `def`: `downgrade = upgrade` reads that function; a name imported from elsewhere is
 * present but not read; otherwise the block is absent.
 */
function boundElsewhere(name: string, scope: Scope, env: ReadonlyMap<string, PyValue>): OperationBlock {
  const binding = scope.lookup(name);
  if (binding?.kind === "function") return readBlock(binding.def, scope);
  const value = env.get(name);
  if (!binding && !value) return { present: false, operations: [], problems: [] };
  const where = binding?.kind === "expr" ? binding.ref.node : value;
  const range = where ? scope.range(where) : undefined;
  const operation = { kind: "unknown" as const, reason: `${name}() is defined elsewhere and is not read`, range: range ?? scope.range({ from: 0, to: 0 }) };
  return { present: true, operations: [operation], problems: [], ...(range ? { range } : {}) };
}

function nameOf(def: SyntaxNode, scope: Scope): string | undefined {
  const name = def.getChild("VariableName");
  return name ? scope.text(name) : undefined;
}

/** The multidb template's `globals()["upgrade_%s" % engine_name]()`. */
function globalsDispatch(node: SyntaxNode, scope: Scope): SyntaxNode | undefined {
  if (node.name === "CallExpression" && node.firstChild?.name === "VariableName" && scope.text(node.firstChild) === "globals") return node;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    const found = globalsDispatch(c, scope);
    if (found) return found;
  }
  return undefined;
}
