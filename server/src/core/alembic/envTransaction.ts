import { parser } from "@lezer/python";
import type { SyntaxNode, Tree } from "@lezer/common";
import type { Range } from "../model/positions";
import type { LineIndex } from "../text/lineIndex";
import type { PyValue } from "../python/values";
import { bindModule } from "../python/moduleBindings";

/** An env.py that runs every migration inside one transaction it opened itself. */
export interface EnvTransaction {
  /** The `X.begin()` call that opens it. */
  readonly range: Range;
  /**
   * `transaction_per_migration=True` passed to `context.configure`: it changes nothing here, since
   * Alembic leaves a connection's existing transaction alone (its `begin_transaction()` is a no-op).
   */
  readonly transactionPerMigration?: Range;
}

/** How many calls deep a `begin()` may be from `context.run_migrations()` (env → run_sync → do_run_migrations). */
const MAX_CALL_DEPTH = 4;

/** Where all migrations run inside one explicit transaction env.py opened (`with connectable.begin() as connection:`). */
export function findSingleTransaction(text: string, lines: LineIndex): Range | undefined {
  return readEnvTransaction(text, lines)?.range;
}

/**
 * Finds a `X.begin()` that encloses `context.run_migrations()`: as a `with` item around it, as an
 * earlier statement of an enclosing block not committed before it, or around a call of the
 * function that runs it (`async with engine.begin() as c: await c.run_sync(do_run_migrations)`).
 * Alembic's own templates (`connect()` then `context.begin_transaction()`) open none. Neither does
 * the multi-database template, whose per-engine `conn.begin()` calls sit in a loop of their own.
 */
export function readEnvTransaction(text: string, lines: LineIndex): EnvTransaction | undefined {
  const tree = parser.parse(text);
  const reader = new EnvReader(tree, text, contextNames(tree, text));
  for (const site of reader.calls("run_migrations")) {
    const begin = reader.enclosingBegin(site, 0, new Set());
    if (!begin) continue;
    const perMigration = reader.calls("configure").flatMap((call) => reader.keyword(call, "transaction_per_migration", "True"))[0];
    return { range: lines.range(begin.from, begin.to), ...(perMigration ? { transactionPerMigration: lines.range(perMigration.from, perMigration.to) } : {}) };
  }
  return undefined;
}

/**
 * env.py passes `transactional_ddl=` with anything but `True` to `context.configure`: migrations
 * may run without a transaction (or as a value the analysis does not evaluate says).
 */
export function configuresTransactionalDdl(text: string): boolean {
  const tree = parser.parse(text);
  const reader = new EnvReader(tree, text, contextNames(tree, text));
  return reader.calls("configure").some((call) => {
    const value = reader.keywordValue(call, "transactional_ddl");
    return value !== undefined && value !== "True";
  });
}

function contextNames(tree: Tree, text: string): Set<string> {
  const env = new Map<string, PyValue>();
  bindModule(tree.topNode, text, env);
  const names = new Set(["context"]);
  for (const [name, value] of env) {
    const symbol = value.kind === "unknown" ? value.symbol : undefined;
    if ((symbol?.module === "alembic" && symbol.name === "context") || (symbol?.module === "alembic.context" && symbol.name === undefined)) names.add(name);
  }
  return names;
}

class EnvReader {
  constructor(
    private readonly tree: Tree,
    private readonly text: string,
    private readonly contextNames: ReadonlySet<string>,
  ) {}

  /** `context.<method>(...)` calls. */
  calls(method: string): SyntaxNode[] {
    const found: SyntaxNode[] = [];
    this.tree.iterate({
      enter: (ref) => {
        if (ref.name !== "CallExpression") return;
        const callee = ref.node.firstChild;
        const object = callee?.firstChild;
        if (callee?.name === "MemberExpression" && object?.name === "VariableName" && this.contextNames.has(this.slice(object)) && callee.lastChild && this.slice(callee.lastChild) === method) {
          found.push(ref.node);
        }
      },
    });
    return found;
  }

  /** The `X.begin()` around `node`, following the functions it is in to where they are called or passed. */
  enclosingBegin(node: SyntaxNode, depth: number, seen: Set<SyntaxNode>): SyntaxNode | undefined {
    let child = node;
    for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (parent.name === "WithStatement" && child.name === "Body") {
        const begin = this.withItems(parent).find((item) => this.isBegin(item));
        if (begin) return begin;
      }
      if (parent.name === "Body" || parent.name === "Script") {
        const begin = this.beginBefore(parent, child);
        if (begin) return begin;
      }
      if (parent.name === "FunctionDefinition") return this.beginAroundCalls(parent, depth, seen);
    }
    return undefined;
  }

  private beginAroundCalls(def: SyntaxNode, depth: number, seen: Set<SyntaxNode>): SyntaxNode | undefined {
    const nameNode = def.getChild("VariableName");
    if (!nameNode || depth >= MAX_CALL_DEPTH || seen.has(def)) return undefined;
    seen.add(def);
    const name = this.slice(nameNode);
    let found: SyntaxNode | undefined;
    this.tree.iterate({
      enter: (ref) => {
        if (found) return false;
        if (ref.name !== "VariableName" || ref.from === nameNode.from || this.text.slice(ref.from, ref.to) !== name) return undefined;
        found = this.enclosingBegin(ref.node, depth + 1, seen);
        return undefined;
      },
    });
    return found;
  }

  /** A statement of `body` before `statement` that is `X.begin()` (or `t = X.begin()`), not committed since. */
  private beginBefore(body: SyntaxNode, statement: SyntaxNode): SyntaxNode | undefined {
    let begin: SyntaxNode | undefined;
    for (let s = body.firstChild; s && s.from < statement.from; s = s.nextSibling) {
      const call = this.statementCall(s);
      if (!call) continue;
      if (this.isBegin(call)) begin = call;
      else if (begin && ["commit", "rollback", "close"].includes(this.methodName(call) ?? "")) begin = undefined;
    }
    return begin;
  }

  /** The call an expression or assignment statement makes at its top (`await` included). */
  private statementCall(statement: SyntaxNode): SyntaxNode | undefined {
    if (statement.name !== "ExpressionStatement" && statement.name !== "AssignStatement") return undefined;
    let value = statement.lastChild;
    if (value?.name === "AwaitExpression") value = value.lastChild;
    return value?.name === "CallExpression" ? value : undefined;
  }

  private withItems(statement: SyntaxNode): SyntaxNode[] {
    const items: SyntaxNode[] = [];
    for (let c = statement.firstChild; c && c.name !== "Body"; c = c.nextSibling) {
      const inner = c.name === "ParenthesizedExpression" ? c.getChild("CallExpression") : c;
      const call = inner?.name === "AwaitExpression" ? inner.lastChild : inner;
      if (call?.name === "CallExpression") items.push(call);
    }
    return items;
  }

  /** `engine.begin()`, `connection.begin()`, `conn.begin_twophase()`: a transaction SQLAlchemy opens for the caller. */
  private isBegin(call: SyntaxNode): boolean {
    const method = this.methodName(call);
    return method === "begin" || method === "begin_twophase";
  }

  private methodName(call: SyntaxNode): string | undefined {
    const callee = call.firstChild;
    return callee?.name === "MemberExpression" && callee.lastChild?.name === "PropertyName" ? this.slice(callee.lastChild) : undefined;
  }

  /** `name=True` among a call's arguments. */
  keyword(call: SyntaxNode, name: string, value: string): SyntaxNode[] {
    const found = this.keywordArgument(call, name);
    return found && this.slice(found.value) === value ? [found.name] : [];
  }

  /** The text of the value a call passes as `name=`. */
  keywordValue(call: SyntaxNode, name: string): string | undefined {
    const found = this.keywordArgument(call, name);
    return found && this.slice(found.value);
  }

  private keywordArgument(call: SyntaxNode, name: string): { name: SyntaxNode; value: SyntaxNode } | undefined {
    const args = call.getChild("ArgList");
    for (let c = args?.firstChild; c; c = c.nextSibling) {
      const op = c.nextSibling;
      const v = op?.nextSibling;
      if (c.name === "VariableName" && op?.name === "AssignOp" && v && this.slice(c) === name) return { name: c, value: v };
    }
    return undefined;
  }

  private slice(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }
}
