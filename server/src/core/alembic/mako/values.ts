/** Python values as a Mako template sees them, enough for Alembic's templates. */
export class Unsupported extends Error {}

/** Mako's UNDEFINED: a name the template was not given. False when tested, an error when written. */
export const UNDEFINED: unique symbol = Symbol("UNDEFINED");

export class PySeq {
  constructor(
    readonly items: readonly PyValue[],
    readonly isList = false,
  ) {}
}

export class PyFunction {
  constructor(
    readonly name: string,
    readonly call: (args: readonly PyValue[]) => PyValue,
  ) {}
}

/** A module or object with attributes (`re`, `config`, `context`, a datetime); `text` is its str(). */
export class PyObject {
  constructor(
    readonly attributes: Readonly<Record<string, PyValue>>,
    readonly text?: string,
  ) {}
}

export type PyValue = string | number | boolean | null | typeof UNDEFINED | PySeq | PyFunction | PyObject;

export function truthy(value: PyValue): boolean {
  if (value === UNDEFINED || value === null || value === false || value === "" || value === 0) return false;
  return !(value instanceof PySeq && value.items.length === 0);
}

export function pyStr(value: PyValue): string {
  if (typeof value === "string") return value;
  if (value instanceof PyObject && value.text !== undefined) return value.text;
  return pyRepr(value);
}

export function pyRepr(value: PyValue): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return reprString(value);
  if (value instanceof PySeq) {
    const items = value.items.map(pyRepr);
    if (value.isList) return `[${items.join(", ")}]`;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
  }
  throw new Unsupported(value === UNDEFINED ? "an undefined name is written" : "repr of an object");
}

/** Python's repr of a str: single quotes unless the text has one and no double quote. */
function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (c === "\\" || c === quote) out += `\\${c}`;
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += c;
  }
  return out + quote;
}

export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a instanceof PySeq && b instanceof PySeq) return a.items.length === b.items.length && a.items.every((x, i) => pyEquals(x, b.items[i] ?? null));
  return a === b;
}
