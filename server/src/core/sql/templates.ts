import type { SqlDialect } from "../schema/sqlContract";
import { lexSql } from "./lexer";
import { Patch } from "./tokens";

/**
 * Go-template placeholders (`{{ index .Options "Namespace" }}.users`, as pop / fizz migrations
 * write them, sometimes inside double quotes) are no SQL: a placeholder before a dot stands for
 * a schema and is blanked with the dot; any other becomes a same-length name. Offsets do not
 * move. Placeholders inside '…' strings are data and stay.
 */
export function maskTemplates(text: string, dialect: SqlDialect): string {
  if (!text.includes("{{")) return text;
  const strings = lexSql(text, dialect).filter((t) => t.kind === "string");
  const patch = new Patch(text);
  let changed = false;
  for (let open = text.indexOf("{{"); open >= 0; open = text.indexOf("{{", open + 2)) {
    if (strings.some((s) => s.start < open && open < s.end)) continue;
    const close = text.indexOf("}}", open + 2);
    if (close < 0) break;
    let start = open;
    let end = close + 2;
    if (text[start - 1] === '"' && text[end] === '"') {
      start--;
      end++;
    }
    if (text[end] === ".") patch.blank(start, end + 1);
    else patch.replace(start, "t".padEnd(end - start, "_"));
    changed = true;
    open = end - 2;
  }
  return changed ? patch.toString() : text;
}
