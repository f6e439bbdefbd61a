import { parser } from "@lezer/python";
import type { SyntaxNode } from "@lezer/common";
import { readStringLiteral } from "../python/stringLiteral";

/** A `version_table` env.py passes to `context.configure(...)`, with its schema when given. */
export interface VersionTable {
  readonly name: string;
  readonly schema?: string;
}

/**
 * The version tables env.py names as literals in `*.configure(version_table="…",
 * version_table_schema="…")` calls (one per call: a multi-database env.py may name several).
 * A value built at run time is not read: the caller keeps Alembic's default.
 */
export function envVersionTables(text: string): VersionTable[] {
  const found: VersionTable[] = [];
  parser.parse(text).iterate({
    enter: (ref) => {
      if (ref.name !== "CallExpression") return;
      const callee = ref.node.firstChild;
      if (callee?.name !== "MemberExpression" || !callee.lastChild || text.slice(callee.lastChild.from, callee.lastChild.to) !== "configure") return;
      const args = ref.node.getChild("ArgList");
      const name = args && keywordString(args, "version_table", text);
      if (!name) return;
      const schema = keywordString(args, "version_table_schema", text);
      found.push(schema ? { name, schema } : { name });
    },
  });
  return found;
}

/** The string literal passed as `keyword=` in an argument list. */
function keywordString(args: SyntaxNode, keyword: string, text: string): string | undefined {
  for (let arg = args.firstChild; arg; arg = arg.nextSibling) {
    if (arg.name !== "VariableName" || text.slice(arg.from, arg.to) !== keyword || arg.nextSibling?.name !== "AssignOp") continue;
    const value = arg.nextSibling.nextSibling;
    if (value?.name !== "String") return undefined;
    const literal = readStringLiteral(text.slice(value.from, value.to));
    return literal && !literal.isFormat && !literal.isBytes ? literal.value : undefined;
  }
  return undefined;
}
