import { parser } from "@lezer/python";
import { bindModule } from "../python/moduleBindings";
import { evaluate, type PyValue } from "../python/values";

/**
 * Whether env.py surely gives Alembic's operations no naming convention: every
 * `context.configure(...)` passes no `target_metadata`, or None (literally or through a module
 * name bound to None). Alembic names an op's unnamed constraints by target_metadata's
 * naming_convention, which lives in the application's models; without one, PostgreSQL names them.
 */
export function envWithoutNamingConvention(text: string): boolean {
  const tree = parser.parse(text);
  const env = new Map<string, PyValue>();
  bindModule(tree.topNode, text, env);
  let configures = 0;
  let metadata = false;
  tree.iterate({
    enter: (ref) => {
      if (ref.name !== "CallExpression") return;
      const callee = ref.node.firstChild;
      if (callee?.name !== "MemberExpression" || !callee.lastChild || text.slice(callee.lastChild.from, callee.lastChild.to) !== "configure") return;
      configures++;
      for (let arg = ref.node.getChild("ArgList")?.firstChild; arg; arg = arg.nextSibling) {
        // `**options` may hold target_metadata.
        if (text.slice(arg.from, arg.to) === "**") metadata = true;
        if (arg.name !== "VariableName" || text.slice(arg.from, arg.to) !== "target_metadata" || arg.nextSibling?.name !== "AssignOp") continue;
        const value = arg.nextSibling.nextSibling;
        if (!value || evaluate(value, text, env).kind !== "none") metadata = true;
      }
    },
  });
  return configures > 0 && !metadata;
}
