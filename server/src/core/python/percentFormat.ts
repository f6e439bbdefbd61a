/**
 * Python's `%` string formatting, the subset Alembic configurations and templates use: `%s`,
 * `%r`, `%d`/`%i` (with flags, width and precision, e.g. `%(month).2d`), `%%`, positional or
 * `%(name)` arguments. Throws on anything else, so callers can fall back.
 */
export type FormatArgument = string | number;

export function percentFormat(format: string, args: readonly FormatArgument[] | Readonly<Record<string, FormatArgument>>, repr: (v: FormatArgument) => string = String): string {
  let position = 0;
  const out = format.replace(/%(?:\((\w+)\))?([-#0 +]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (match, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, type: string) => {
    if (type === "%") {
      if (match !== "%%") throw new Error(`unsupported format ${match}`);
      return "%";
    }
    const value = key !== undefined ? (args as Record<string, FormatArgument>)[key] : Array.isArray(args) ? args[position++] : undefined;
    if (value === undefined) throw new Error(`no value for ${match}`);
    let text: string;
    if (type === "s") text = String(value);
    else if (type === "r") text = repr(value);
    else if (type === "d" || type === "i") {
      if (typeof value !== "number") throw new Error(`${match} needs a number`);
      const digits = String(Math.trunc(Math.abs(value))).padStart(Number(precision ?? 0), "0");
      text = (value < 0 ? "-" : flags.includes("+") ? "+" : "") + digits;
    } else throw new Error(`unsupported format ${match}`);
    const size = Number(width ?? 0);
    if (text.length >= size) return text;
    if (flags.includes("-")) return text.padEnd(size);
    return flags.includes("0") && type !== "s" && type !== "r" ? text.padStart(size, "0") : text.padStart(size);
  });
  if (Array.isArray(args) && position < args.length) throw new Error("not all arguments converted during string formatting");
  return out;
}
