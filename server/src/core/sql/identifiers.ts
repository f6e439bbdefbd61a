/**
 * Identifier normalization. PostgreSQL folds unquoted names to lower case and keeps quoted ones
 * exactly; MySQL and SQLite compare names case-insensitively, so folding unquoted names there
 * too is harmless and lets the caller compare keys. Folding is ASCII-only, as PostgreSQL does in
 * UTF-8 databases.
 */
export function normalizeIdentifier(written: string): string {
  const open = written[0];
  const close = open === "[" ? "]" : open;
  if ((open === '"' || open === "`" || open === "[") && written.length >= 2 && written.endsWith(close ?? "")) {
    const inner = written.slice(1, -1);
    return open === "[" ? inner : inner.split(`${open}${open}`).join(open);
  }
  return foldAscii(written);
}

export function foldAscii(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i];
  }
  return out;
}

/** PostgreSQL's NAMEDATALEN - 1 bytes: a longer name is cut there, at a character boundary. */
export function postgresIdentifier(name: string): string {
  if (name.length <= 21) return name;
  const bytes = new TextEncoder().encode(name);
  if (bytes.length <= 63) return name;
  let end = 63;
  // Not inside a UTF-8 sequence: continuation bytes are 10xxxxxx.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end));
}
