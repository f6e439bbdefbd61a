import type { NotText } from "../core/host";

/** The first NUL byte, else the first byte that does not belong to a well-formed UTF-8 sequence. */
export function notTextIn(bytes: Uint8Array): NotText | undefined {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { kind: "nul", offset: nul, byte: 0 };
  const bad = firstInvalidUtf8(bytes);
  if (bad === undefined) return undefined;
  return { kind: "not-utf8", offset: bad, byte: bytes[bad]!, textOffset: new TextDecoder().decode(bytes.subarray(0, bad)).length };
}

/** UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, nothing past U+10FFFF. */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return undefined;
}
