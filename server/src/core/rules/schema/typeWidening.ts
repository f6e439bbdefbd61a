/**
 * Type changes PostgreSQL makes without rewriting the table or checking a row (the new type
 * holds every value of the old one, stored alike): a longer or unlimited varchar, varchar to
 * text, more numeric precision at the same scale, a longer bit varying. Measured with `verify
 * --locks` (the table's relfilenode stays).
 */
export function widensWithoutRewrite(from: string, to: string): boolean {
  const a = parse(from);
  const b = parse(to);
  if (!a || !b) return false;
  if (a.base === "varchar" && (b.base === "text" || (b.base === "varchar" && (b.args.length === 0 || (a.args.length === 1 && b.args[0]! >= a.args[0]!))))) return true;
  if (a.base === "varbit" && b.base === "varbit" && (b.args.length === 0 || (a.args.length === 1 && b.args[0]! >= a.args[0]!))) return true;
  if (a.base === "numeric" && b.base === "numeric") {
    if (b.args.length === 0) return true;
    const [p1, s1 = 0] = a.args;
    const [p2, s2 = 0] = b.args;
    return p1 !== undefined && p2 !== undefined && s1 === s2 && p2 >= p1;
  }
  return false;
}

const BASES: Readonly<Record<string, string>> = {
  varchar: "varchar",
  "character varying": "varchar",
  text: "text",
  numeric: "numeric",
  decimal: "numeric",
  varbit: "varbit",
  "bit varying": "varbit",
};

function parse(type: string): { base: string; args: number[] } | undefined {
  const match = /^\s*([a-z ]+?)\s*(?:\(\s*([\d\s,]+)\s*\))?\s*$/i.exec(type.toLowerCase());
  const base = match ? BASES[match[1] as string] : undefined;
  if (!match || !base) return undefined;
  return { base, args: match[2] ? match[2].split(",").map((n) => Number(n.trim())) : [] };
}
