import type { SyntaxNode } from "@lezer/common";
import { children, evaluateAssignedValue, type PyValue } from "./values";

/** What a module-level assignment binds: each single target name, and the value. */
export interface Binding {
  readonly names: readonly string[];
  readonly value: PyValue;
  readonly statement: SyntaxNode;
}

/**
 * Walks a module's top-level statements in order, as importing it would run them (module-level
 * if / try / with bodies included, function and class bodies not), binding imports as symbols
 * and assignments as evaluated values. `onBinding` sees each assignment.
 */
export function bindModule(top: SyntaxNode, text: string, env: Map<string, PyValue>, onBinding?: (b: Binding) => void, onStatement?: (s: SyntaxNode) => void): void {
  for (const statement of children(top)) {
    onStatement?.(statement);
    if (statement.name === "AssignStatement") {
      const binding = readAssignment(statement, text, env);
      if (!binding) continue;
      binding.names.forEach((n) => env.set(n, binding.value));
      onBinding?.(binding);
    } else if (statement.name === "ImportStatement") {
      bindImport(statement, text, env);
    } else if (statement.name === "StatementGroup") {
      // `revision = "a1"; down_revision = None`: statements on one line, run in order.
      bindModule(statement, text, env, onBinding, onStatement);
    } else if (statement.name !== "ClassDefinition" && statement.name !== "FunctionDefinition" && statement.name !== "DecoratedStatement" && statement.name.endsWith("Statement")) {
      for (const body of statement.getChildren("Body")) bindModule(body, text, env, onBinding, onStatement);
    }
  }
}

function readAssignment(statement: SyntaxNode, text: string, env: Map<string, PyValue>): Binding | undefined {
  const parts = children(statement);
  const lastOp = parts.map((p) => p.name).lastIndexOf("AssignOp");
  if (lastOp < 0) return undefined;
  const value = evaluateAssignedValue(parts.slice(lastOp + 1), text, env);
  if (!value) return undefined;
  // Targets: each single name directly before an `=` (chained `a = b = value` binds both).
  const names: string[] = [];
  for (let i = 0; i < lastOp + 1; i++) {
    const part = parts[i];
    const next = parts[i + 1];
    const single =
      part?.name === "VariableName" &&
      (next?.name === "AssignOp" || next?.name === "TypeDef") &&
      (i === 0 || parts[i - 1]?.name === "AssignOp");
    if (part && single) names.push(text.slice(part.from, part.to));
  }
  return { names, value, statement };
}

/** `import a.b`, `import a.b as m`, `from a.b import c as d`, `from ..pkg import (x, y)`. */
function bindImport(statement: SyntaxNode, text: string, env: Map<string, PyValue>): void {
  const tokens = children(statement).map((n) => ({ name: n.name, text: text.slice(n.from, n.to), from: n.from, to: n.to }));
  const bind = (name: string, symbol: { module: string; name?: string }): void => {
    env.set(name, { kind: "unknown", from: statement.from, to: statement.to, symbol });
  };
  const readDotted = (start: number): { dotted: string; next: number } => {
    let dotted = "";
    let i = start;
    while (i < tokens.length && ["VariableName", ".", "..."].includes(tokens[i]!.name)) dotted += tokens[i++]!.text;
    return { dotted, next: i };
  };
  if (tokens[0]?.name === "from") {
    const { dotted: module, next } = readDotted(1);
    if (tokens[next]?.name !== "import") return;
    const names = tokens.slice(next + 1).filter((t) => t.name === "VariableName" || t.name === "as");
    for (let i = 0; i < names.length; i++) {
      const imported = names[i]!;
      if (imported.name !== "VariableName") continue;
      const alias = names[i + 1]?.name === "as" ? names[i + 2] : undefined;
      bind(alias?.text ?? imported.text, { module, name: imported.text });
      if (alias) i += 2;
    }
    return;
  }
  // `import a.b.c` binds `a`; `import a.b as m` binds `m` to a.b.
  let i = 1;
  while (i < tokens.length) {
    const { dotted, next } = readDotted(i);
    if (!dotted) {
      i++;
      continue;
    }
    if (tokens[next]?.name === "as" && tokens[next + 1]) {
      bind(tokens[next + 1]!.text, { module: dotted });
      i = next + 2;
    } else {
      const top = dotted.split(".")[0] ?? dotted;
      bind(top, { module: top });
      i = next;
    }
  }
}
