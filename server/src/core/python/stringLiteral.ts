/** A Python string literal split into prefix, quote and body, with its value decoded. */
export interface StringLiteral {
  readonly prefix: string;
  readonly quote: string;
  /** Offset of the body inside the literal's source text. */
  readonly bodyOffset: number;
  readonly body: string;
  readonly value: string;
  readonly isBytes: boolean;
  readonly isFormat: boolean;
  /** Whether the closing quote is there: Python rejects a literal without it. */
  readonly closed: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\n": "",
};

export function readStringLiteral(source: string): StringLiteral | undefined {
  let i = 0;
  while (i < source.length && /[rRuUbBfF]/.test(source[i] ?? "")) i++;
  const prefix = source.slice(0, i).toLowerCase();
  const rest = source.slice(i);
  const quote = rest.startsWith('"""') || rest.startsWith("'''") ? rest.slice(0, 3) : rest.slice(0, 1);
  if (quote !== '"' && quote !== "'" && quote.length !== 3) return undefined;
  const closed = rest.length >= 2 * quote.length && rest.endsWith(quote) && !escapesClosingQuote(rest, quote.length, rest.length - quote.length);
  const body = rest.slice(quote.length, closed ? rest.length - quote.length : rest.length);
  const raw = prefix.includes("r");
  return {
    prefix,
    quote,
    bodyOffset: i + quote.length,
    body,
    value: raw ? body : decodeEscapes(body),
    isBytes: prefix.includes("b"),
    isFormat: prefix.includes("f"),
    closed,
  };
}

/** An odd run of backslashes before the quote escapes it (in raw literals too). */
function escapesClosingQuote(rest: string, bodyStart: number, quoteAt: number): boolean {
  let backslashes = 0;
  while (quoteAt - backslashes - 1 >= bodyStart && rest[quoteAt - backslashes - 1] === "\\") backslashes++;
  return backslashes % 2 === 1;
}

function decodeEscapes(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== "\\" || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const next = body[i + 1] as string;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    const hexLength = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : 0;
    const hex = body.slice(i + 2, i + 2 + hexLength);
    if (hexLength && /^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLength) {
      out += String.fromCodePoint(parseInt(hex, 16));
      i += 1 + hexLength;
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * Where a string literal starting with the quote at `at` ends, as Python's tokenizer reads it
 * (a backslash escapes the next character, a one-quote literal ends at its line's end), or
 * undefined when it is never closed.
 */
export function literalEnd(text: string, at: number): number | undefined {
  const quote = text.startsWith(text[at]!.repeat(3), at) ? text[at]!.repeat(3) : text[at]!;
  for (let i = at + quote.length; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (text.startsWith(quote, i)) return i + quote.length;
    else if (quote.length === 1 && (c === "\n" || c === "\r")) return undefined;
  }
  return undefined;
}
