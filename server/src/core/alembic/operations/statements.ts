import type { SyntaxNode } from "@lezer/common";
import { evaluate, type PyValue } from "../../python/values";
import { bindArguments } from "./args";
import { bindAssignment, bindOpaque, bindTargets, targetNames } from "./bindings";
import { walkExpression } from "./calls";
import { asksWhatExists, decideDialectTest } from "./conditions";
import { MAX_UNROLL_NESTING, type Exit, type Flow, type Output, type Outcome } from "./flow";
import { loopItems } from "./loops";
import { methodCall } from "./literals";
import { classifyReceiver } from "./receivers";
import { innerNodes, type Scope } from "./scope";
import { tableTarget } from "./tableObjects";

/** Reads a function body's statements in order; see `Outcome` for how it ends. */
export function walkBody(body: SyntaxNode, scope: Scope, flow: Flow, out: Output): Outcome {
  let current = flow;
  let guardedExit: QuietExit | undefined;
  let conditionalExit: Exit | undefined;
  for (const statement of statementsOf(body)) {
    const outcome = walkStatement(statement, scope, current, out);
    if (outcome.guardedExit) {
      // `if inspector.has_table("t"): return` — what follows runs only when the check passed.
      current = { ...current, guarded: true };
      guardedExit = strongest(guardedExit, outcome.guardedExit);
    }
    if (outcome.conditionalExit) {
      // `if settings.flag: return` — what follows may not run at all.
      current = { ...current, conditional: true };
      conditionalExit = furthest(conditionalExit, outcome.conditionalExit);
    }
    if (outcome.exit) return { exit: outcome.exit, ...exits(guardedExit, conditionalExit) };
  }
  return exits(guardedExit, conditionalExit);
}

/** `a(); b()` on one line is a StatementGroup: its statements run in order like the others. */
function statementsOf(body: SyntaxNode): SyntaxNode[] {
  return innerNodes(body).flatMap((n) => (n.name === "StatementGroup" ? innerNodes(n).filter((s) => s.name !== ";") : [n]));
}

function walkStatement(statement: SyntaxNode, scope: Scope, flow: Flow, out: Output): Outcome {
  switch (statement.name) {
    case "ExpressionStatement":
      walkExpression(statement, scope, flow, out);
      return {};
    case "AssignStatement":
      walkAssignment(statement, scope, flow, out);
      return {};
    case "UpdateStatement":
      walkUpdate(statement, scope, flow, out);
      return {};
    case "IfStatement":
      return walkIf(statement, scope, flow, out);
    case "ForStatement":
      return walkFor(statement, scope, flow, out);
    case "WhileStatement":
      // Runs as many times as run-time data says, maybe none.
      return loopOutcome(walkBody(statement.getChild("Body") ?? statement, scope, { ...flow, conditional: true }, out));
    case "WithStatement":
      return walkWith(statement, scope, flow, out);
    case "TryStatement":
      return walkTry(statement, scope, flow, out);
    case "MatchStatement":
      return walkMatch(statement, scope, flow, out);
    case "FunctionDefinition":
    case "DecoratedStatement":
      bindFunction(statement, scope);
      return {};
    case "ClassDefinition": {
      const name = statement.getChild("VariableName");
      if (name) bindOpaque(scope, scope.text(name));
      return {};
    }
    case "ReturnStatement":
      walkExpression(statement, scope, flow, out);
      return { exit: "return" };
    case "RaiseStatement":
      return { exit: "raise" };
    case "ContinueStatement":
    case "BreakStatement":
      return { exit: "loop" };
    default:
      return {};
  }
}

export function bindFunction(statement: SyntaxNode, scope: Scope): void {
  const def = statement.name === "DecoratedStatement" ? statement.getChild("FunctionDefinition") : statement;
  const name = def?.getChild("VariableName");
  if (def && name) scope.bind(scope.text(name), { kind: "function", def, scope });
}

/** Reads the value's calls, then binds the targets (Python evaluates the right side first). */
function walkAssignment(statement: SyntaxNode, scope: Scope, flow: Flow, out: Output): void {
  const parts = innerNodesWithCommas(statement);
  const lastOp = parts.map((p) => p.name).lastIndexOf("AssignOp");
  if (lastOp < 0) return;
  for (const node of parts.slice(lastOp + 1)) walkExpression(node, scope, flow, out);
  bindAssignment(statement, scope);
}

/** `sql += "..."`: string concatenation stays known; anything else makes the name opaque. */
function walkUpdate(statement: SyntaxNode, scope: Scope, flow: Flow, out: Output): void {
  const [target, operator, value] = innerNodes(statement);
  if (value) walkExpression(value, scope, flow, out);
  if (target?.name !== "VariableName") return;
  const name = scope.text(target);
  const before = scope.values.get(name);
  const added = value ? evaluate(value, scope.module.text, scope.values) : undefined;
  if (operator && scope.text(operator) === "+=" && before?.kind === "str" && added?.kind === "str") {
    const joined: PyValue = { kind: "str", value: before.value + added.value, from: statement.from, to: statement.to };
    scope.bind(name, { kind: "opaque" }, joined);
  } else bindOpaque(scope, name);
}

interface Branch {
  readonly test?: SyntaxNode;
  readonly body: SyntaxNode;
}

/**
 * A branch runs guarded when its test (or an earlier one) asks what exists, and conditional when
 * one of them depends on anything else the reader cannot evaluate (a setting, offline mode).
 * Tests on the dialect are decided. An exit under such a test makes what follows conditional.
 */
function walkIf(statement: SyntaxNode, scope: Scope, flow: Flow, out: Output): Outcome {
  const branches: Branch[] = [];
  let test: SyntaxNode | undefined;
  for (let c = statement.firstChild; c; c = c.nextSibling) {
    if (c.name === "if" || c.name === "elif" || c.name === "else" || c.name === "Comment") continue;
    if (c.name === "Body") {
      branches.push(test ? { test, body: c } : { body: c });
      test = undefined;
    } else test = c;
  }
  const decisions = branches.map((b) => (b.test ? decideDialectTest({ node: b.test, scope }) : true));
  const guards = branches.map((b) => (b.test ? asksWhatExists({ node: b.test, scope }) : false));
  const undecided = branches.map((b, i) => b.test !== undefined && decisions[i] === undefined && !guards[i]);
  const reachable: boolean[] = [];
  let decided = false;
  for (const decision of decisions) {
    reachable.push(!decided && decision !== false);
    if (!decided && decision === true) decided = true;
  }
  const fallsThrough = !decided;
  const alternatives = reachable.filter(Boolean).length > 1;
  const isGuard = guards.some(Boolean);

  const outcomes: Outcome[] = [];
  let conditionalExit: Exit | undefined;
  for (const [i, branch] of branches.entries()) {
    // Tests run in order until one holds.
    if (branch.test && !decisions.slice(0, i).includes(true)) walkExpression(branch.test, scope, flow, out);
    if (!reachable[i]) continue;
    const guarded = flow.guarded || alternatives || guards.slice(0, i + 1).some(Boolean);
    const conditional = undecided.slice(0, i + 1).some(Boolean);
    const outcome = walkBody(branch.body, scope, { ...flow, guarded, conditional: flow.conditional || conditional }, out);
    outcomes.push(outcome);
    if (conditional && outcome.exit) conditionalExit = furthest(conditionalExit, outcome.exit);
  }
  for (const o of outcomes) conditionalExit = furthest(conditionalExit, o.conditionalExit);
  const inner = outcomes.reduce<QuietExit | undefined>((e, o) => strongest(e, o.guardedExit), undefined);
  const exitsOf = outcomes.map((o) => o.exit);
  if (!fallsThrough && outcomes.length > 0 && exitsOf.every((e) => e !== undefined)) {
    const exit: Exit = exitsOf.includes("loop") ? "loop" : exitsOf.includes("return") ? "return" : "raise";
    return { exit, ...exits(inner, conditionalExit) };
  }
  const someExit = exitsOf.reduce<QuietExit | undefined>((e, x) => strongest(e, x === "raise" ? undefined : x), undefined);
  return exits(strongest(inner, isGuard ? someExit : undefined), conditionalExit);
}

/** Loops over a literal list are read once per element (`for t in ("a", "b"): op.drop_table(t)`). */
function walkFor(statement: SyntaxNode, scope: Scope, flow: Flow, out: Output): Outcome {
  const parts: SyntaxNode[] = [];
  for (let c = statement.firstChild; c; c = c.nextSibling) parts.push(c);
  const inAt = parts.findIndex((p) => p.name === "in");
  const targets = parts.slice(1, inAt).filter((p) => p.name !== "for");
  const iterable = parts[inAt + 1];
  const [body, elseBody] = statement.getChildren("Body");
  if (!iterable || !body) return {};
  walkExpression(iterable, scope, flow, out);
  const items = flow.unrolling < MAX_UNROLL_NESTING ? loopItems({ node: iterable, scope }) : undefined;
  let outcome: Outcome = {};
  if (items) {
    let current = { ...flow, unrolling: flow.unrolling + 1 };
    for (const item of items) {
      bindTargets(scope, targets, item);
      const result = walkBody(body, scope, current, out);
      if (result.exit === "return" || result.exit === "raise") return { exit: result.exit, ...outcome };
      if (result.guardedExit === "return") {
        current = { ...current, guarded: true };
        outcome = { ...outcome, guardedExit: "return" };
      }
      // A `break` under an unknown condition leaves the later elements unsure too.
      if (result.conditionalExit) {
        current = { ...current, conditional: true };
        if (result.conditionalExit !== "loop") outcome = { ...outcome, conditionalExit: result.conditionalExit };
      }
    }
  } else {
    const fromInspector = asksWhatExists({ node: iterable, scope });
    for (const name of targetNames(targets, scope)) scope.bind(name, fromInspector ? { kind: "introspection" } : { kind: "opaque" });
    // Run-time data decides how many times the body runs, maybe none.
    outcome = loopOutcome(walkBody(body, scope, { ...flow, conditional: true }, out));
  }
  if (elseBody) {
    const result = walkBody(elseBody, scope, flow, out);
    if (result.exit) return { exit: result.exit, ...outcome };
  }
  return outcome;
}

/** A loop passes on a guarded or conditional `return` (the rest of the function is under it), not a `continue`. */
function loopOutcome(outcome: Outcome): Outcome {
  const conditional = outcome.conditionalExit === "loop" ? undefined : outcome.conditionalExit;
  return exits(outcome.guardedExit === "return" ? "return" : undefined, conditional);
}

/** `with op.batch_alter_table("t") as batch_op:`, `with op.get_context().autocommit_block():`. */
function walkWith(statement: SyntaxNode, scope: Scope, flow: Flow, out: Output): Outcome {
  let inner = flow;
  let group: SyntaxNode[] = [];
  const item = (): void => {
    const [expression, as, target] = group.map((g) => (g.name === "ParenthesizedExpression" && innerNodes(g).length === 1 ? (innerNodes(g)[0] as SyntaxNode) : g));
    group = [];
    if (!expression) return;
    const name = target && as?.name === "as" && target.name === "VariableName" ? scope.text(target) : undefined;
    const method = expression.name === "CallExpression" ? methodCall(expression, scope.module.text) : undefined;
    if (method?.method === "batch_alter_table" && classifyReceiver({ node: method.receiver, scope })?.kind === "op") {
      const args = bindArguments(expression, scope, ["table_name"]);
      if (name) scope.bind(name, { kind: "batch", target: tableTarget(args.get("table_name"), args.get("schema")) });
      return;
    }
    if (method?.method === "autocommit_block") {
      inner = { ...inner, autocommit: true };
      return;
    }
    walkExpression(expression, scope, flow, out);
    if (name) {
      if (classifyReceiver({ node: expression, scope })?.kind === "connection") scope.bind(name, { kind: "connection" });
      else bindOpaque(scope, name);
    }
  };
  let body: SyntaxNode | undefined;
  for (let c = statement.firstChild; c; c = c.nextSibling) {
    if (c.name === "with" || c.name === "async" || c.name === "Comment" || c.type.isError) continue;
    if (c.name === "Body") body = c;
    else if (c.name === ",") item();
    else group.push(c);
  }
  item();
  return body ? walkBody(body, scope, inner, out) : {};
}

/** A try block's bodies may not run to the end (or at all): their operations are guarded. */
function walkTry(statement: SyntaxNode, scope: Scope, flow: Flow, out: Output): Outcome {
  let keyword = "try";
  let guardedExit: QuietExit | undefined;
  let conditionalExit: Exit | undefined;
  let pendingAs = false;
  for (let c = statement.firstChild; c; c = c.nextSibling) {
    if (["try", "except", "else", "finally"].includes(c.name)) {
      keyword = c.name;
      continue;
    }
    if (c.name === "as") pendingAs = true;
    else if (c.name === "VariableName" && pendingAs) {
      bindOpaque(scope, scope.text(c));
      pendingAs = false;
    } else if (c.name === "Body") {
      const result = walkBody(c, scope, keyword === "finally" ? flow : { ...flow, guarded: true }, out);
      if (keyword === "finally" && result.exit) return { exit: result.exit };
      const quiet = result.exit === "raise" || keyword === "finally" ? undefined : result.exit;
      guardedExit = strongest(guardedExit, result.guardedExit ?? quiet);
      conditionalExit = furthest(conditionalExit, result.conditionalExit);
    }
  }
  return exits(guardedExit, conditionalExit);
}

/** Each case is one of several alternatives the reader cannot choose between. */
function walkMatch(statement: SyntaxNode, scope: Scope, flow: Flow, out: Output): Outcome {
  const subject = statement.firstChild?.nextSibling;
  if (subject) walkExpression(subject, scope, flow, out);
  let guardedExit: QuietExit | undefined;
  let conditionalExit: Exit | undefined;
  for (const clause of statement.getChild("MatchBody")?.getChildren("MatchClause") ?? []) {
    const body = clause.getChild("Body");
    if (!body) continue;
    const outcome = walkBody(body, scope, { ...flow, guarded: true, conditional: true }, out);
    guardedExit = strongest(guardedExit, outcome.guardedExit);
    conditionalExit = furthest(conditionalExit, outcome.exit ?? outcome.conditionalExit);
  }
  return exits(guardedExit, conditionalExit);
}

type QuietExit = Exclude<Exit, "raise">;

function strongest(a: QuietExit | undefined, b: QuietExit | undefined): QuietExit | undefined {
  return a === "return" || b === "return" ? "return" : (a ?? b);
}

/** The exit that reaches furthest out: a return or raise leaves the function, a `continue` only the loop. */
function furthest(a: Exit | undefined, b: Exit | undefined): Exit | undefined {
  if (a === "return" || b === "return") return "return";
  if (a === "raise" || b === "raise") return "raise";
  return a ?? b;
}

function exits(guardedExit: QuietExit | undefined, conditionalExit: Exit | undefined): Outcome {
  return { ...(guardedExit ? { guardedExit } : {}), ...(conditionalExit ? { conditionalExit } : {}) };
}

function innerNodesWithCommas(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== "Comment") out.push(c);
  return out;
}
