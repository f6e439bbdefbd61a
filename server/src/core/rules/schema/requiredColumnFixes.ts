import { parser } from "@lezer/python";
import type { SyntaxNode } from "@lezer/common";
import type { RevisionFile } from "../../alembic/revisionFile";
import type { Fix, FileEdit } from "../../model/findings";
import type { Operation } from "../../schema/operations";
import type { ReplayStep } from "../../schema/replay";
import { placeholderDefault } from "./columnPlaceholder";
import { holdsBindParameter, insertAt, sqlForPythonString, writtenAsSql } from "./sourceEdits";

type AddColumn = Extract<Operation, { kind: "add_column" }>;

const NULLABLE_TITLE = "Add it nullable (backfill, then SET NOT NULL in a later migration)";

/**
 * The fixes of a NOT NULL column added without a default: a server default of the column's
 * type (only when the type is known), and adding it nullable, which is always valid.
 */
export function requiredColumnFixes(step: ReplayStep, op: AddColumn): Fix[] {
  const value = placeholderDefault(op.column, step.before.enums, step.dialect);
  const file = step.file;
  const edits = writtenAsSql(file, op) ? sqlEdits(file, op, value) : pythonEdits(file, op, value, step.dialect);
  return [
    ...(value !== undefined && edits.withDefault ? [{ title: `Add a server default placeholder (${value})`, edits: [edits.withDefault] }] : []),
    ...(edits.nullable ? [{ title: NULLABLE_TITLE, edits: [edits.nullable] }] : []),
  ];
}

interface ColumnEdits {
  readonly withDefault?: FileEdit;
  readonly nullable?: FileEdit;
}

/** `... ADD COLUMN c <type> NOT NULL`: DEFAULT after the column's definition, or its NOT NULL taken out. */
function sqlEdits(file: RevisionFile, op: AddColumn, value: string | undefined): ColumnEdits {
  const definition = op.definition;
  if (!definition) return {};
  const end = definition.range.end;
  const clause = value === undefined ? undefined : sqlForPythonString(file, file.lines.offset(end), ` DEFAULT ${value}`);
  let nullable: FileEdit | undefined;
  if (definition.notNull) {
    // The white space before NOT NULL goes with it.
    const from = file.lines.offset(definition.notNull.start);
    const start = file.text.slice(0, from).trimEnd().length;
    nullable = { file: file.path, range: { start: file.lines.position(start), end: definition.notNull.end }, newText: "" };
  }
  return { ...(clause !== undefined ? { withDefault: insertAt(file, end, clause) } : {}), ...(nullable ? { nullable } : {}) };
}

/** `sa.Column(...)` inside `op.add_column(...)`: a `server_default=` keyword, or `nullable=True`. */
function pythonEdits(file: RevisionFile, op: AddColumn, value: string | undefined, dialect: ReplayStep["dialect"]): ColumnEdits {
  const column = columnCall(file, op);
  if (!column) return {};
  const { args, module } = column;
  const keyword = (name: string): SyntaxNode | undefined => {
    for (let child = args.firstChild; child; child = child.nextSibling) {
      const assigned = child.nextSibling?.name === "AssignOp" ? child.nextSibling.nextSibling : null;
      if (child.name === "VariableName" && file.text.slice(child.from, child.to) === name && assigned) return assigned;
    }
    return undefined;
  };
  const nullableValue = keyword("nullable");
  const nullable = nullableValue && file.text.slice(nullableValue.from, nullableValue.to) === "False" ? { file: file.path, range: file.lines.range(nullableValue.from, nullableValue.to), newText: "True" } : undefined;

  // sa.Column → sa.text(...); a bare Column has no module to take text() from: a plain string,
  // which SQLAlchemy writes as a quoted literal, suits only literal placeholders.
  const text = value === undefined ? undefined : module ? (holdsBindParameter(value) ? undefined : value) : plainStringDefault(value, dialect);
  const argument = text === undefined ? undefined : module ? `${module}text(${JSON.stringify(text)})` : JSON.stringify(text);
  if (argument === undefined) return nullable ? { nullable } : {};
  // An explicit `server_default=None` is replaced, not repeated (a repeated keyword does not parse).
  const existing = keyword("server_default");
  if (existing) return { withDefault: { file: file.path, range: file.lines.range(existing.from, existing.to), newText: argument }, ...(nullable ? { nullable } : {}) };
  const close = args.to - 1;
  const inner = file.text.slice(args.from + 1, close);
  const separator = inner.trim() === "" ? "" : inner.trimEnd().endsWith(",") ? " " : ", ";
  const insertion = inner.replace(/\s+$/, "").length + args.from + 1;
  return { withDefault: insertAt(file, file.lines.position(insertion), `${separator}server_default=${argument}`), ...(nullable ? { nullable } : {}) };
}

/** The sa.Column(...) call inside op.add_column(...): its arguments and the module it is reached through (`sa.`). */
function columnCall(file: RevisionFile, op: AddColumn): { args: SyntaxNode; module: string } | undefined {
  const tree = parser.parse(file.text);
  const start = file.lines.offset(op.range.start);
  const end = file.lines.offset(op.range.end);
  let found: { args: SyntaxNode; module: string } | undefined;
  tree.iterate({
    from: start,
    to: end,
    enter(node) {
      if (node.name !== "CallExpression" || node.from < start || node.to > end) return;
      const callee = node.node.firstChild;
      const name = callee ? file.text.slice(callee.from, callee.to) : "";
      const args = node.node.getChild("ArgList");
      if ((name === "Column" || name.endsWith(".Column")) && args) found = { args, module: name.slice(0, -"Column".length) };
    },
  });
  return found;
}

/** A plain-string server_default is written quoted: a quoted literal or a number keeps its meaning; `false` only where '...' casts to boolean. */
function plainStringDefault(value: string, dialect: ReplayStep["dialect"]): string | undefined {
  if (value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  if (value === "0" || (value === "false" && dialect === "postgresql")) return value;
  return undefined;
}
