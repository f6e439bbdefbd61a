import type { SyntaxNode } from "@lezer/common";
import { ANY_NAME, concatNames, exactName, type NamePattern } from "../../schema/namePattern";
import { methodCall, readString } from "./literals";
import { innerNodes, resolve, type Ref } from "./scope";

/**
 * What a table name written as an expression can be: its value when it is known, else the
 * literal text it starts and ends with (`"shadow_" + name`, `f"{prefix}_users"`, `"%s_log" % x`,
 * `"{}_log".format(x)`); anything when nothing of it is written.
 */
export function readNamePattern(ref: Ref | undefined): NamePattern {
  if (!ref) return ANY_NAME;
  const known = readString(ref);
  if (known) return exactName(known.value);
  const { node, scope } = resolve(ref);
  const text = scope.text(node);
  if (node.name === "BinaryExpression") {
    const [left, operator, right] = innerNodes(node);
    if (!left || !operator || !right) return ANY_NAME;
    const op = scope.text(operator);
    if (op === "+") return concatNames(readNamePattern({ node: left, scope }), readNamePattern({ node: right, scope }));
    const format = op === "%" ? readString({ node: left, scope })?.value : undefined;
    return format === undefined ? ANY_NAME : around(format, /%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]/g, "%%");
  }
  if (node.name === "FormatString") return formatStringPattern(node, text);
  if (node.name === "CallExpression") {
    const method = methodCall(node, scope.module.text);
    const format = method?.method === "format" ? readString({ node: method.receiver, scope })?.value : undefined;
    if (format !== undefined) return around(format, /\{[^{}]*\}/g, "{{");
  }
  return ANY_NAME;
}

/** The literal text before the first placeholder and after the last; anything when an escape makes that unsure. */
function around(format: string, placeholder: RegExp, escape: string): NamePattern {
  if (format.includes(escape)) return ANY_NAME;
  const holes = [...format.matchAll(placeholder)];
  const first = holes[0];
  const last = holes[holes.length - 1];
  if (!first || !last || first.index === undefined || last.index === undefined) return exactName(format);
  return { prefix: format.slice(0, first.index), suffix: format.slice(last.index + last[0].length) };
}

/** `f"{prefix}_users"`: the literal text around the replacement fields, unless it holds an escape. */
function formatStringPattern(node: SyntaxNode, text: string): NamePattern {
  const quote = /^[a-zA-Z]*("""|'''|"|')/.exec(text);
  const fields = node.getChildren("FormatReplacement");
  const first = fields[0];
  const last = fields[fields.length - 1];
  if (!quote?.[1] || !first || !last) return ANY_NAME;
  const plain = (part: string): string => (/[\\{}]/.test(part) ? "" : part);
  return {
    prefix: plain(text.slice(quote[0].length, first.from - node.from)),
    suffix: plain(text.slice(last.to - node.from, text.length - quote[1].length)),
  };
}
