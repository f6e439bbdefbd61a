import type { SyntaxNodeRef } from "@lezer/common";

/** Words that continue an expression after `print` (`print if x else y`, `print in names`). */
const OPERATOR_WORDS = new Set(["if", "else", "and", "or", "in", "is"]);

/** Python 2 syntax lezer accepts and CPython 3 rejects, with CPython's message and where it points. */
export interface Python2Construct {
  readonly from: number;
  readonly to: number;
  readonly reason: string;
}

export function python2Construct(node: SyntaxNodeRef, text: string): Python2Construct | undefined {
  if (node.name === "PrintStatement" && printTakesOperand(text, node.from + "print".length)) {
    return { from: node.from, to: node.to, reason: "Missing parentheses in call to 'print'. Did you mean print(...)?" };
  }
  // `except E, e:`: CPython points at the exception types.
  if (node.name === "," && node.node.parent?.name === "TryStatement" && node.node.prevSibling?.prevSibling?.name === "except") {
    const types = node.node.prevSibling;
    return { from: types.from, to: node.node.nextSibling?.to ?? node.to, reason: "multiple exception types must be parenthesized" };
  }
  // `raise E, "message"`
  if (node.name === "," && node.node.parent?.name === "RaiseStatement") return { from: node.from, to: node.to, reason: "invalid syntax" };
  if (node.name === "CompareOp" && text.slice(node.from, node.to) === "<>") return { from: node.from, to: node.to, reason: "invalid syntax" };
  return undefined;
}

/**
 * Whether what follows `print` is an operand, which makes it Python 2's print statement. After an
 * operator (`print >> f, x`, `print = 3`, `print -1`) Python 3 reads an expression, which lezer
 * misreads as a print statement.
 */
export function printTakesOperand(text: string, after: number): boolean {
  let i = after;
  while (text[i] === " " || text[i] === "\t") i++;
  const rest = text.slice(i, i + 40);
  const word = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(rest)?.[0];
  if (word !== undefined) return word === "not" ? !/^not\s+in\b/.test(rest) : !OPERATOR_WORDS.has(word);
  return /^([0-9'"{~]|\.[0-9])/.test(rest);
}
