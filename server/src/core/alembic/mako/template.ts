import { evaluate, type Scope } from "./expression";
import { parseTemplate, type Node } from "./parse";
import { PyFunction, pyRepr, PySeq, pyStr, truthy, UNDEFINED, Unsupported, type PyValue } from "./values";

/**
 * Renders the Mako subset Alembic's `script.py.mako` templates use: `${expr | filters}`,
 * `% if / elif / else / endif` and `% for / endfor` lines, `## comments`, `<%! %>` module blocks
 * (ignored: only imports live there), `<% name = expr %>` blocks, `<%text>`, `<%doc>` and
 * backslash line continuations. Anything else throws Unsupported so the caller can fall back.
 */
export function renderMako(template: string, variables: Readonly<Record<string, PyValue>>): string {
  const locals = new Map<string, PyValue>(Object.entries(variables));
  const scope: Scope = (name) => (locals.has(name) ? (locals.get(name) as PyValue) : (BUILTINS[name] ?? UNDEFINED));
  return renderNodes(parseTemplate(template), locals, scope);
}

function renderNodes(nodes: readonly Node[], locals: Map<string, PyValue>, scope: Scope): string {
  let out = "";
  for (const node of nodes) {
    if (node.t === "text") out += node.text;
    else if (node.t === "expr") out += renderExpression(node.source, scope);
    else if (node.t === "code") runCode(node.source, locals, scope);
    else if (node.t === "if") {
      const branch = node.branches.find((b) => b.test === undefined || truthy(evaluate(b.test, scope)));
      if (branch) out += renderNodes(branch.body, locals, scope);
    } else {
      const sequence = evaluate(node.source, scope);
      const items = sequence instanceof PySeq ? sequence.items : typeof sequence === "string" ? [...sequence] : undefined;
      if (!items) throw new Unsupported(`% for over ${node.source}`);
      for (const item of items) {
        locals.set(node.target, item);
        out += renderNodes(node.body, locals, scope);
      }
    }
  }
  return out;
}

/** `<% %>`: only `name = expression` lines. */
function runCode(source: string, locals: Map<string, PyValue>, scope: Scope): void {
  for (const line of source.split(/\r?\n/)) {
    const statement = line.trim();
    if (statement === "" || statement.startsWith("#")) continue;
    const assignment = /^([A-Za-z_]\w*)\s*=(?!=)\s*(.+)$/.exec(statement);
    if (!assignment) throw new Unsupported(`<% ${statement} %>`);
    locals.set(assignment[1] as string, evaluate(assignment[2] as string, scope));
  }
}

/** `${expr | f1, f2}`: Mako applies its default `str` first unless `n` is listed, then each filter. */
function renderExpression(source: string, scope: Scope): string {
  const bar = topLevelBar(source);
  const expression = bar < 0 ? source : source.slice(0, bar);
  const filters = bar < 0 ? [] : source.slice(bar + 1).split(",").map((f) => f.trim()).filter(Boolean);
  let value = evaluate(expression, scope);
  if (!filters.includes("n")) value = pyStr(value);
  for (const filter of filters) {
    if (filter === "n") continue;
    if (filter === "trim") value = pyStr(value).trim();
    else if (filter === "h" || filter === "x") value = escapeXml(pyStr(value));
    else if (filter === "u") value = encodeURIComponent(pyStr(value));
    else {
      const fn = evaluate(filter, scope);
      if (!(fn instanceof PyFunction)) throw new Unsupported(`filter ${filter}`);
      value = fn.call([value]);
    }
  }
  if (typeof value !== "string") throw new Unsupported(`\${${source}} is not text`);
  return value;
}

function topLevelBar(source: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === "|" && depth === 0) return i;
  }
  return -1;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" })[c] ?? c);
}

const BUILTINS: Readonly<Record<string, PyValue>> = {
  repr: new PyFunction("repr", ([v]) => pyRepr(v === undefined ? unsupported("repr() needs an argument") : v)),
  str: new PyFunction("str", ([v]) => pyStr(v ?? "")),
  len: new PyFunction("len", ([v]) => (v instanceof PySeq ? v.items.length : typeof v === "string" ? v.length : unsupported("len"))),
  bool: new PyFunction("bool", ([v]) => truthy(v ?? null)),
};

function unsupported(what: string): never {
  throw new Unsupported(what);
}
