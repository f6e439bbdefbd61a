import type { SyntaxNode } from "@lezer/common";
import type { Range } from "../../model/positions";
import type { Operation } from "../../schema/operations";
import { evaluate } from "../../python/values";
import { readStringLiteral } from "../../python/stringLiteral";
import { firstArgument, lastName, methodCall } from "./literals";
import { valueOffsets } from "./literalOffsets";
import { emit, type Flow, type Output } from "./flow";
import { resolve, type Ref } from "./scope";
import { tableOfObject } from "./tableObjects";

/** Calls that wrap SQL text without changing it. */
const SQL_WRAPPERS = new Set(["text", "DDL"]);
/** Methods of a text() clause that leave its SQL as is. */
const CLAUSE_METHODS = new Set(["bindparams", "params", "execution_options", "columns"]);
/** Methods that refine a data statement (`t.update().where(...).values(...)`). */
const STATEMENT_METHODS = new Set(["where", "values", "filter", "filter_by", "returning", "execution_options", "inline", "ordered_values", "from_select", "prefix_with", "with_hint"]);

/**
 * `op.execute(...)` / `conn.execute(...)`: literal SQL goes to the SQL reader with its offsets
 * mapped back into this file; SQLAlchemy data statements become data changes; SQL built at run
 * time is an `unknown` operation, never guessed.
 */
export function readExecute(call: SyntaxNode, argument: Ref, flow: Flow, out: Output, fromOp: boolean): void {
  const module = argument.scope.module;
  const callRange = argument.scope.range(call);
  const sqlRef = peelWrappers(argument);
  const { node, scope } = sqlRef;
  const text = module.text;

  let sql: string | undefined;
  let at: (from: number, to: number) => Range = () => scope.range(node);
  if (node.name === "String") {
    const literal = readStringLiteral(scope.text(node));
    if (literal && !literal.isBytes && !literal.isFormat) {
      sql = literal.value;
      const bodyStart = node.from + literal.bodyOffset;
      const offsets = valueOffsets(literal.body, literal.prefix.includes("r"), literal.value.length);
      if (offsets) {
        const source = (offset: number): number => bodyStart + (offsets[Math.max(0, Math.min(offset, offsets.length - 1))] ?? 0);
        at = (from, to) => module.lines.range(source(from), source(to));
      }
    }
  } else if (node.name === "ContinuedString" && literalParts(node, scope)) {
    // "ALTER ...; " "CREATE ..." written as adjacent literals: each part maps to its own place.
    const parts = literalParts(node, scope)!;
    sql = parts.map((p) => p.value).join("");
    const absolute = parts.flatMap((p, i) => (i === parts.length - 1 ? p.offsets : p.offsets.slice(0, p.value.length)));
    at = (from, to) => module.lines.range(absolute[Math.min(from, absolute.length - 1)] ?? node.from, absolute[Math.min(to, absolute.length - 1)] ?? node.to);
  } else if (node.name !== "FormatString") {
    const value = evaluate(node, text, scope.values);
    if (value.kind === "str") sql = value.value;
  }

  if (sql !== undefined) {
    const result = readSql(sql, at, argument);
    if (!result) {
      emit(out, flow, { kind: "unknown", reason: "the SQL reader failed on this SQL", range: callRange });
      return;
    }
    const first = out.operations.length;
    for (const operation of result.operations) emit(out, flow, operation);
    out.executed?.push({ sql, range: callRange, first, count: out.operations.length - first });
    out.problems.push(...result.problems);
    return;
  }
  const change = dataChange(sqlRef);
  if (change) {
    emit(out, flow, { kind: "data_change", ...change, range: callRange } as Operation);
    return;
  }
  // A SELECT through a connection changes nothing; through op.execute it is still not read.
  if (!fromOp && isSelect(sqlRef)) return;
  emit(out, flow, { kind: "unknown", reason: unknownReason(sqlRef), range: callRange });
}

/** The SQL reader's answer; undefined if it threw, so that one statement cannot stop the file's reading. */
function readSql(sql: string, at: (from: number, to: number) => Range, { scope }: Ref): ReturnType<Ref["scope"]["module"]["sql"]> | undefined {
  try {
    return scope.module.sql(sql, { dialect: scope.module.dialect, at });
  } catch {
    return undefined;
  }
}

/** `sa.text(X).bindparams(...)`, `DDL(X)`: X. */
function peelWrappers(ref: Ref): Ref {
  let current = resolve(ref);
  for (let i = 0; i < 8 && current.node.name === "CallExpression"; i++) {
    const { node, scope } = current;
    const method = methodCall(node, scope.module.text);
    if (method && CLAUSE_METHODS.has(method.method) && method.receiver.name === "CallExpression") {
      current = resolve({ node: method.receiver, scope });
      continue;
    }
    const name = lastName(node, scope.module.text);
    const inner = firstArgument(node);
    if (!name || !SQL_WRAPPERS.has(name) || !inner) break;
    current = resolve({ node: inner, scope });
  }
  return current;
}

/** `t.update()...`, `sa.insert(t)...`, `sa.delete(t).where(...)`: a data change on t. */
function dataChange(ref: Ref): Pick<Extract<Operation, { kind: "data_change" }>, "statement" | "table"> | undefined {
  let current = resolve(ref);
  for (let i = 0; i < 16 && current.node.name === "CallExpression"; i++) {
    const { node, scope } = current;
    const name = lastName(node, scope.module.text) ?? "";
    const method = methodCall(node, scope.module.text);
    if (name === "update" || name === "insert" || name === "delete") {
      const receiverTable = method ? tableOfObject({ node: method.receiver, scope }) : undefined;
      const argument = firstArgument(node);
      const target = receiverTable ?? (argument ? tableOfObject({ node: argument, scope }) : undefined);
      return { statement: name, ...(target ? { table: target.table } : {}) };
    }
    if (!method || !STATEMENT_METHODS.has(name)) return undefined;
    current = resolve({ node: method.receiver, scope });
  }
  return undefined;
}

/** Depth limit: `stmt = stmt.bindparams(...)` makes a name resolve to itself. */
const MAX_CHAIN = 32;

function isSelect(ref: Ref, depth = 0): boolean {
  if (depth > MAX_CHAIN) return false;
  const { node, scope } = resolve(ref);
  if (node.name !== "CallExpression") return false;
  const name = lastName(node, scope.module.text);
  if (name === "select" || name === "exists") return true;
  const method = methodCall(node, scope.module.text);
  return method ? isSelect({ node: method.receiver, scope }, depth + 1) : false;
}

/** Why SQL cannot be read: how it is built. */
function unknownReason(ref: Ref): string {
  const { node, scope } = ref;
  const how = (): string => {
    if (contains(node, "FormatString")) return "f-string";
    if (node.name === "BinaryExpression" && node.getChild("ArithOp") && scope.text(node.getChild("ArithOp") as SyntaxNode) === "%") return "% formatting";
    const method = methodCall(node, scope.module.text);
    if (method?.method === "format") return ".format()";
    if (method?.method === "join") return "str.join()";
    if (node.name === "VariableName" || node.name === "MemberExpression") return "a variable";
    if (node.name === "CallExpression") {
      const name = lastName(node, scope.module.text) ?? "";
      if (/^[A-Z]/.test(name)) return `a SQLAlchemy ${name} construct`;
      return "a function call";
    }
    return "an expression";
  };
  return `SQL built at run time (${how()}) is not read`;
}

function contains(node: SyntaxNode, name: string): boolean {
  if (node.name === name) return true;
  for (let c = node.firstChild; c; c = c.nextSibling) if (contains(c, name)) return true;
  return false;
}

/** The plain literals of an implicit concatenation, each with the file offset of every value position. */
function literalParts(node: SyntaxNode, scope: Ref["scope"]): { value: string; offsets: number[] }[] | undefined {
  const parts: { value: string; offsets: number[] }[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== "String") return undefined;
    const literal = readStringLiteral(scope.text(child));
    if (!literal || literal.isBytes || literal.isFormat) return undefined;
    const offsets = valueOffsets(literal.body, literal.prefix.includes("r"), literal.value.length);
    if (!offsets) return undefined;
    const bodyStart = child.from + literal.bodyOffset;
    parts.push({ value: literal.value, offsets: offsets.map((o) => bodyStart + o) });
  }
  return parts.length > 0 ? parts : undefined;
}
