import { Unsupported } from "./values";

/**
 * Mako's template syntax, the subset Alembic's templates use, as a tree: text, `${}` expressions,
 * `<% %>` code, and `% if` / `% for` blocks. What is not in the subset throws Unsupported.
 */
export function parseTemplate(template: string): Node[] {
  return buildTree(scan(template));
}

type Item =
  | { readonly t: "text"; readonly text: string }
  | { readonly t: "expr"; readonly source: string }
  | { readonly t: "control"; readonly keyword: string; readonly rest: string }
  | { readonly t: "code"; readonly source: string };

export type Node =
  | { readonly t: "text"; readonly text: string }
  | { readonly t: "expr"; readonly source: string }
  | { readonly t: "code"; readonly source: string }
  | { readonly t: "if"; readonly branches: readonly { readonly test: string | undefined; readonly body: Node[] }[] }
  | { readonly t: "for"; readonly target: string; readonly source: string; readonly body: Node[] };

/** Mako's lexer, reduced: control and comment lines are recognised only at a line start, as Mako does. */
function scan(template: string): Item[] {
  const items: Item[] = [];
  let text = "";
  const flush = (): void => {
    if (text) items.push({ t: "text", text });
    text = "";
  };
  let i = 0;
  let lineStart = true;
  while (i < template.length) {
    if (lineStart) {
      lineStart = false;
      const line = /^[ \t]*(##|%%|%)?/.exec(template.slice(i, i + 200))?.[0] ?? "";
      const lineEnd = endOfLine(template, i);
      if (line.endsWith("##")) {
        i = lineEnd;
        lineStart = true;
        continue;
      }
      if (line.endsWith("%%")) {
        text += `${line.slice(0, -2)}%`;
        i += line.length;
        continue;
      }
      if (line.endsWith("%")) {
        flush();
        const control = template.slice(i + line.length, lineEnd).trim();
        const keyword = /^\w+/.exec(control)?.[0] ?? "";
        items.push({ t: "control", keyword, rest: control.slice(keyword.length).trim().replace(/:$/, "").trim() });
        i = lineEnd;
        lineStart = true;
        continue;
      }
    }
    const c = template[i] as string;
    if (template.startsWith("${", i)) {
      flush();
      const end = closingBrace(template, i + 2);
      items.push({ t: "expr", source: template.slice(i + 2, end) });
      i = end + 1;
    } else if (template.startsWith("<%text>", i)) {
      const end = required(template.indexOf("</%text>", i), "<%text>");
      text += template.slice(i + 7, end);
      i = end + 8;
    } else if (template.startsWith("<%doc>", i)) {
      i = required(template.indexOf("</%doc>", i), "<%doc>") + 7;
    } else if (template.startsWith("<%!", i) || /^<%\s/.test(template.slice(i, i + 3))) {
      flush();
      const end = required(template.indexOf("%>", i + 2), "<%");
      if (template[i + 2] !== "!") items.push({ t: "code", source: template.slice(i + 2, end) });
      i = end + 2;
    } else if (template.startsWith("<%", i) || template.startsWith("</%", i)) {
      throw new Unsupported(`Mako tag at offset ${i}`);
    } else if (c === "\\" && (template[i + 1] === "\n" || template.startsWith("\r\n", i + 1))) {
      i += template[i + 1] === "\n" ? 2 : 3;
    } else {
      text += c;
      i++;
      if (c === "\n") lineStart = true;
    }
  }
  flush();
  return items;
}

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf("\n", from);
  return newline < 0 ? text.length : newline + 1;
}

function required(index: number, what: string): number {
  if (index < 0) throw new Unsupported(`unclosed ${what}`);
  return index;
}

/** The `}` closing a `${`, skipping strings and nested braces. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  throw new Unsupported("unclosed ${");
}

function buildTree(items: readonly Item[]): Node[] {
  const root: Node[] = [];
  const stack: { node: Node & { t: "if" | "for" }; body: Node[] }[] = [];
  const current = (): Node[] => stack[stack.length - 1]?.body ?? root;
  for (const item of items) {
    if (item.t !== "control") {
      current().push(item);
      continue;
    }
    const top = stack[stack.length - 1];
    switch (item.keyword) {
      case "if": {
        const body: Node[] = [];
        const node: Node = { t: "if", branches: [{ test: item.rest, body }] };
        current().push(node);
        stack.push({ node, body });
        break;
      }
      case "elif":
      case "else": {
        if (top?.node.t !== "if") throw new Unsupported(`% ${item.keyword} without % if`);
        const body: Node[] = [];
        (top.node.branches as { test: string | undefined; body: Node[] }[]).push({ test: item.keyword === "elif" ? item.rest : undefined, body });
        top.body = body;
        break;
      }
      case "for": {
        const loop = /^([A-Za-z_]\w*)\s+in\s+(.+)$/.exec(item.rest);
        if (!loop) throw new Unsupported(`% for ${item.rest}`);
        const body: Node[] = [];
        const node: Node = { t: "for", target: loop[1] as string, source: loop[2] as string, body };
        current().push(node);
        stack.push({ node, body });
        break;
      }
      case "endif":
      case "endfor":
        if (top?.node.t !== item.keyword.slice(3)) throw new Unsupported(`% ${item.keyword} out of place`);
        stack.pop();
        break;
      default:
        throw new Unsupported(`% ${item.keyword}`);
    }
  }
  if (stack.length > 0) throw new Unsupported("unclosed % block");
  return root;
}

