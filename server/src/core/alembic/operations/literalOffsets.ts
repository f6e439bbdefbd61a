/** Escapes `readStringLiteral` decodes to one character (`\n` and friends). */
const SIMPLE_ESCAPES = new Set(["\\", "'", '"', "a", "b", "f", "n", "r", "t", "v"]);

/**
 * For each character of a literal's decoded value, its offset in the literal's body (and one
 * more entry for the end), decoding escapes as `readStringLiteral` does; undefined if the two
 * disagree, so that a caller falls back to pointing at the whole literal.
 */
export function valueOffsets(body: string, raw: boolean, valueLength: number): number[] | undefined {
  const map: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const next = body[i + 1];
    if (raw || body[i] !== "\\" || next === undefined) {
      map.push(i);
      continue;
    }
    if (next === "\n") {
      i++; // a line continuation: no character
      continue;
    }
    if (SIMPLE_ESCAPES.has(next)) {
      map.push(i);
      i++;
      continue;
    }
    const hexLength = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : 0;
    const hex = body.slice(i + 2, i + 2 + hexLength);
    if (hexLength && hex.length === hexLength && /^[0-9a-fA-F]+$/.test(hex)) {
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return undefined;
      const units = String.fromCodePoint(code).length;
      for (let u = 0; u < units; u++) map.push(i);
      i += 1 + hexLength;
      continue;
    }
    map.push(i); // an unknown escape keeps its backslash
  }
  map.push(body.length);
  return map.length === valueLength + 1 ? map : undefined;
}
