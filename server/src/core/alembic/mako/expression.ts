import { readStringLiteral } from "../../python/stringLiteral";
import { percentFormat } from "../../python/percentFormat";
import { pyEquals, pyRepr, PyFunction, PyObject, PySeq, pyStr, truthy, Unsupported, type PyValue } from "./values";

/**
 * A small Python expression evaluator for Mako's `${...}`, `% if` and `<% %>`: names, literals,
 * calls, attributes, indexing, `%` formatting, `+`, comparisons, `not`/`and`/`or` and
 * conditional expressions. Anything else throws Unsupported, so the caller can fall back.
 */
export type Scope = (name: string) => PyValue;

type Node =
  | { readonly t: "name"; readonly name: string }
  | { readonly t: "literal"; readonly value: PyValue }
  | { readonly t: "seq"; readonly items: readonly Node[]; readonly isList: boolean }
  | { readonly t: "call"; readonly fn: Node; readonly args: readonly Node[] }
  | { readonly t: "attr"; readonly object: Node; readonly name: string }
  | { readonly t: "index"; readonly object: Node; readonly index: Node }
  | { readonly t: "binary"; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly t: "not"; readonly operand: Node }
  | { readonly t: "if"; readonly test: Node; readonly then: Node; readonly otherwise: Node };

export function evaluate(source: string, scope: Scope): PyValue {
  return evaluateNode(parse(source), scope);
}

const TOKEN = /\s*(?:([rRuU]?(?:'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"))|(\d+(?:\.\d+)?)|([A-Za-z_]\w*)|(==|!=|<=|>=|[()[\],.%:+<>-]))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(source);
    if (!match) throw new Unsupported(`cannot read '${source.slice(TOKEN.lastIndex).trim()}'`);
    tokens.push((match[1] ?? match[2] ?? match[3] ?? match[4]) as string);
  }
  return tokens;
}

function parse(source: string): Node {
  const tokens = tokenize(source);
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const accept = (token: string): boolean => (tokens[i] === token ? (i++, true) : false);
  const expect = (token: string): void => {
    if (!accept(token)) throw new Unsupported(`expected '${token}' in '${source}'`);
  };

  const expression = (): Node => {
    const then = orTest();
    if (!accept("if")) return then;
    const test = orTest();
    expect("else");
    return { t: "if", test, then, otherwise: expression() };
  };
  const orTest = (): Node => {
    let left = andTest();
    while (accept("or")) left = { t: "binary", op: "or", left, right: andTest() };
    return left;
  };
  const andTest = (): Node => {
    let left = notTest();
    while (accept("and")) left = { t: "binary", op: "and", left, right: notTest() };
    return left;
  };
  const notTest = (): Node => (accept("not") ? { t: "not", operand: notTest() } : comparison());
  const comparison = (): Node => {
    let left = sum();
    for (;;) {
      let op: string | undefined;
      if (accept("is")) op = accept("not") ? "is not" : "is";
      else if (peek() === "not" && tokens[i + 1] === "in") {
        i += 2;
        op = "not in";
      } else if (["==", "!=", "in"].includes(peek() ?? "")) op = tokens[i++];
      if (op === undefined) return left;
      left = { t: "binary", op, left, right: sum() };
    }
  };
  const sum = (): Node => {
    let left = term();
    while (accept("+")) left = { t: "binary", op: "+", left, right: term() };
    return left;
  };
  const term = (): Node => {
    let left = postfix();
    while (accept("%")) left = { t: "binary", op: "%", left, right: postfix() };
    return left;
  };
  const postfix = (): Node => {
    let node = atom();
    for (;;) {
      if (accept(".")) node = { t: "attr", object: node, name: name() };
      else if (accept("(")) node = { t: "call", fn: node, args: list(")") };
      else if (accept("[")) {
        node = { t: "index", object: node, index: expression() };
        expect("]");
      } else return node;
    }
  };
  const name = (): string => {
    const token = tokens[i++];
    if (!token || !/^[A-Za-z_]/.test(token)) throw new Unsupported(`expected a name in '${source}'`);
    return token;
  };
  const list = (close: string): Node[] => {
    const items: Node[] = [];
    while (!accept(close)) {
      items.push(expression());
      if (!accept(",")) {
        expect(close);
        break;
      }
    }
    return items;
  };
  const atom = (): Node => {
    const token = tokens[i++];
    if (token === undefined) throw new Unsupported(`unexpected end of '${source}'`);
    if (token === "(") {
      const items = list(")");
      // `(x)` is x; `(x,)` and `()` are tuples.
      return items.length === 1 && tokens[i - 2] !== "," ? (items[0] as Node) : { t: "seq", items, isList: false };
    }
    if (token === "[") return { t: "seq", items: list("]"), isList: true };
    if (/^\d/.test(token)) return { t: "literal", value: Number(token) };
    if (token === "-" && /^\d/.test(peek() ?? "")) return { t: "literal", value: -Number(tokens[i++]) };
    if (/^[rRuU]?['"]/.test(token)) {
      let value = readStringLiteral(token)?.value ?? "";
      // Adjacent literals concatenate.
      while (/^[rRuU]?['"]/.test(peek() ?? "")) value += readStringLiteral(tokens[i++] as string)?.value ?? "";
      return { t: "literal", value };
    }
    if (token === "None") return { t: "literal", value: null };
    if (token === "True" || token === "False") return { t: "literal", value: token === "True" };
    if (/^[A-Za-z_]/.test(token) && !["if", "else", "and", "or", "not", "in", "is", "lambda", "for"].includes(token)) return { t: "name", name: token };
    throw new Unsupported(`unexpected '${token}' in '${source}'`);
  };

  const node = expression();
  if (i < tokens.length) throw new Unsupported(`unexpected '${tokens[i]}' in '${source}'`);
  return node;
}

function evaluateNode(node: Node, scope: Scope): PyValue {
  const ev = (n: Node): PyValue => evaluateNode(n, scope);
  switch (node.t) {
    case "name":
      return scope(node.name);
    case "literal":
      return node.value;
    case "seq":
      return new PySeq(node.items.map(ev), node.isList);
    case "if":
      return truthy(ev(node.test)) ? ev(node.then) : ev(node.otherwise);
    case "not":
      return !truthy(ev(node.operand));
    case "call": {
      const fn = ev(node.fn);
      if (!(fn instanceof PyFunction)) throw new Unsupported("calling something that is not a known function");
      return fn.call(node.args.map(ev));
    }
    case "attr": {
      const object = ev(node.object);
      const value = object instanceof PyObject ? object.attributes[node.name] : typeof object === "string" ? stringMethod(object, node.name) : undefined;
      if (value === undefined) throw new Unsupported(`unknown attribute '${node.name}'`);
      return value;
    }
    case "index": {
      const object = ev(node.object);
      const index = ev(node.index);
      const items = object instanceof PySeq ? object.items : typeof object === "string" ? [...object] : undefined;
      if (!items || typeof index !== "number") throw new Unsupported("unsupported subscript");
      const item = items[index < 0 ? items.length + index : index];
      if (item === undefined) throw new Unsupported("index out of range");
      return item;
    }
    case "binary":
      return binary(node.op, ev(node.left), () => ev(node.right));
  }
}

function binary(op: string, left: PyValue, rightOf: () => PyValue): PyValue {
  if (op === "and") return truthy(left) ? rightOf() : left;
  if (op === "or") return truthy(left) ? left : rightOf();
  const right = rightOf();
  switch (op) {
    case "is":
    case "==":
      return op === "is" && (left === null || right === null) ? left === right : pyEquals(left, right);
    case "is not":
    case "!=":
      return !binary(op === "is not" ? "is" : "==", left, () => right);
    case "in":
    case "not in": {
      const inside = typeof right === "string" && typeof left === "string" ? right.includes(left) : right instanceof PySeq && right.items.some((x) => pyEquals(x, left));
      return op === "in" ? inside : !inside;
    }
    case "+":
      if (typeof left === "string" && typeof right === "string") return left + right;
      if (typeof left === "number" && typeof right === "number") return left + right;
      if (left instanceof PySeq && right instanceof PySeq) return new PySeq([...left.items, ...right.items], left.isList);
      break;
    case "%":
      if (typeof left === "string") {
        const args: readonly PyValue[] = right instanceof PySeq && !right.isList ? right.items : [right as PyValue];
        return percentFormat(left, args.map((a) => (typeof a === "number" ? a : pyStr(a))), (v) => pyRepr(v));
      }
  }
  throw new Unsupported(`unsupported operation '${op}'`);
}

const STRING_METHODS: Record<string, (text: string, args: readonly PyValue[]) => PyValue> = {
  lower: (t) => t.toLowerCase(),
  upper: (t) => t.toUpperCase(),
  strip: (t) => t.trim(),
  capitalize: (t) => t.charAt(0).toUpperCase() + t.slice(1).toLowerCase(),
  replace: (t, [a, b]) => t.split(pyStr(a ?? "")).join(pyStr(b ?? "")),
  join: (t, [items]) => {
    if (!(items instanceof PySeq)) throw new Unsupported("join needs a sequence");
    return items.items.map(pyStr).join(t);
  },
  startswith: (t, [prefix]) => t.startsWith(pyStr(prefix ?? "")),
};

function stringMethod(text: string, name: string): PyValue | undefined {
  const method = STRING_METHODS[name];
  return method && new PyFunction(name, (args) => method(text, args));
}
