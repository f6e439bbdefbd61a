import type { ConstraintKind, Operation, OperationBlock, QualifiedName } from "../schema/operations";
import { displayName } from "../schema/schemaState";

/** Text with names kept apart, so a renderer can quote them as code (and escape them) itself. */
export type Part = string | { readonly code: string };
export type Phrase = readonly Part[];

/**
 * One line saying what a migration's upgrade does, from the operations the core extracted:
 * operations of one kind on one table are said together (`adds columns a, b to users`), in the
 * order they first appear. Statements the analysis did not understand are said so, not guessed.
 */
export function summarizeUpgrade(upgrade: OperationBlock | undefined): Phrase {
  const groups = new Map<string, { items: Phrase[]; say: (items: readonly Phrase[]) => Phrase }>();
  const add = (key: string, item: Phrase, say: (items: readonly Phrase[]) => Phrase): void => {
    const group = groups.get(key) ?? { items: [], say };
    group.items.push(item);
    groups.set(key, group);
  };
  // What runs only under a condition the analysis cannot evaluate is said apart, as such.
  const addMaybe: Add = (key, item, say) => add(`maybe ${key}`, item, (items) => [...say(items), " (only under a run-time condition)"]);
  for (const op of upgrade?.operations ?? []) describeOperation(op, op.conditional ? addMaybe : add);
  if ((upgrade?.problems.length ?? 0) > 0) add("problems", [], (items) => [`${count(items.length, "statement")} the database rejects`]);
  const phrases = [...groups.values()].map((g) => g.say(g.items));
  if (phrases.length === 0) return ["changes nothing the analysis sees"];
  return phrases.flatMap((p, i) => (i === 0 ? p : ["; ", ...p]));
}

type Add = (key: string, item: Phrase, say: (items: readonly Phrase[]) => Phrase) => void;

function describeOperation(op: Operation, add: Add): void {
  switch (op.kind) {
    case "create_table":
      return add(`create ${key(op.table)}`, [], () => ["creates table ", name(op.table), ` (${count(op.columns.length, "column")}${op.columnsIncomplete ? " and more" : ""})`]);
    case "drop_table":
      return add(`drop ${key(op.table)}`, [], () => ["drops table ", name(op.table)]);
    case "rename_table":
      return add(`rename ${key(op.table)}`, [], () => ["renames table ", name(op.table), " to ", { code: op.newName }]);
    case "add_column":
      return add(`add ${key(op.table)}`, [{ code: op.column.name }], (items) => [`adds ${plural(items.length, "column")} `, ...list(items), " to ", name(op.table)]);
    case "drop_column":
      return add(`dropcol ${key(op.table)}`, [{ code: op.column }], (items) => [`drops ${plural(items.length, "column")} `, ...list(items), " of ", name(op.table)]);
    case "alter_column":
      return add(`alter ${key(op.table)}`, [{ code: op.column }, ...columnChange(op)], (items) => [`alters ${plural(items.length, "column")} `, ...list(items), " of ", name(op.table)]);
    case "create_index":
      return add(`index ${op.name ?? ""} ${key(op.table)}`, [], () => [
        `creates ${op.unique ? "unique " : ""}index `,
        ...(op.name ? [{ code: op.name }, " "] : []),
        "on ",
        name(op.table),
        op.concurrently ? " concurrently" : "",
      ]);
    case "drop_index":
      return add(`dropindex ${op.name}`, [], () => ["drops index ", { code: op.name }, op.concurrently ? " concurrently" : ""]);
    case "add_constraint":
      return add(`constraint ${op.constraint.name ?? ""} ${key(op.table)}`, [], () => [
        `adds ${CONSTRAINTS[op.constraint.kind]} `,
        ...(op.constraint.name ? [{ code: op.constraint.name }, " "] : []),
        "on ",
        name(op.table),
        op.notValid ? " NOT VALID" : "",
      ]);
    case "drop_constraint":
      return add(`dropconstraint ${op.name} ${key(op.table)}`, [], () => ["drops constraint ", { code: op.name }, " of ", name(op.table)]);
    case "validate_constraint":
      return add(`validate ${op.name} ${key(op.table)}`, [], () => ["validates constraint ", { code: op.name }, " of ", name(op.table)]);
    case "create_enum":
      return add(`enum ${key(op.type)}`, [], () => ["creates type ", name(op.type)]);
    case "add_enum_value":
      return add(`enumvalue ${key(op.type)}`, [{ code: op.value }], (items) => [`adds ${plural(items.length, "value")} `, ...list(items), " to type ", name(op.type)]);
    case "drop_type":
      return add(`droptype ${key(op.type)}`, [], () => ["drops type ", name(op.type)]);
    case "rename_type":
      return add(`renametype ${key(op.type)}`, [], () => ["renames type ", name(op.type), " to ", { code: op.newName }]);
    case "rename_enum_value":
      return add(`renamevalue ${key(op.type)} ${op.value}`, [], () => ["renames value ", { code: op.value }, " of type ", name(op.type), " to ", { code: op.newValue }]);
    case "create_sequence":
      return add(`sequence ${key(op.sequence)}`, [], () => ["creates sequence ", name(op.sequence)]);
    case "alter_sequence":
      return add(`altersequence ${key(op.sequence)}`, [], () => ["alters sequence ", name(op.sequence), ...(op.newName !== undefined ? [" (renamed to ", { code: op.newName }, ")"] : [])]);
    case "drop_sequence":
      return add(`dropsequence ${key(op.sequence)}`, [], () => ["drops sequence ", name(op.sequence)]);
    case "create_domain":
      return add(`domain ${key(op.domain)}`, [], () => ["creates domain ", name(op.domain)]);
    case "drop_domain":
      return add(`dropdomain ${key(op.domain)}`, [], () => ["drops domain ", name(op.domain)]);
    case "create_function":
      return add(`function ${key(op.function)}`, [], () => [op.orReplace ? "creates or replaces function " : "creates function ", name(op.function)]);
    case "drop_function":
      return add(`dropfunction ${key(op.function)}`, [], () => ["drops function ", name(op.function)]);
    case "rename_index":
      return add(`renameindex ${op.name}`, [], () => ["renames index ", { code: op.name }, " to ", { code: op.newName }]);
    case "rename_constraint":
      return add(`renameconstraint ${op.name} ${key(op.table)}`, [], () => ["renames constraint ", { code: op.name }, " of ", name(op.table), " to ", { code: op.newName }]);
    case "create_view":
      return add(`view ${key(op.view)}`, [], () => [op.orReplace ? "creates or replaces view " : "creates view ", name(op.view)]);
    case "drop_view":
      return add(`dropview ${key(op.view)}`, [], () => ["drops view ", name(op.view)]);
    case "data_change": {
      const verb = DATA_CHANGES[op.statement];
      return add(`data ${op.statement} ${op.table ? key(op.table) : ""}`, [], (items) => [
        `${verb}${items.length > 1 ? ` (${items.length}×)` : ""}`,
        ...(op.table ? [" ", name(op.table)] : [" (table not known)"]),
      ]);
    }
    case "call":
      return add(`call ${op.functions.map(key).join(",")}`, [], () => ["calls ", ...list(op.functions.map((fn) => [name(fn)]))]);
    case "outside_transaction":
      return add(`outside ${op.command}`, [], () => ["runs ", { code: op.command }]);
    case "unknown":
      return add("unknown", [op.reason], (items) => [`${count(items.length, "statement")} not understood (`, ...(items[0] ?? []), ")"]);
    default: {
      // A new kind of operation must say what it does here: the compiler holds it to that.
      const unsaid: never = op;
      return unsaid;
    }
  }
}

const CONSTRAINTS: Record<ConstraintKind, string> = { primary_key: "primary key", unique: "unique constraint", check: "check constraint", foreign_key: "foreign key", exclude: "exclusion constraint" };
const DATA_CHANGES = { update: "UPDATE", insert: "INSERT INTO", delete: "DELETE FROM" } as const;

/** What an ALTER COLUMN changes, after the column's name. */
function columnChange(op: Extract<Operation, { kind: "alter_column" }>): Phrase {
  const changes: string[] = [];
  if (op.newName !== undefined) changes.push(`renamed to ${op.newName}`);
  if (op.type !== undefined) changes.push(`type ${op.type}`);
  if (op.nullable !== undefined) changes.push(op.nullable ? "NULL allowed" : "NOT NULL");
  if (op.default !== undefined) changes.push(op.default === null ? "default dropped" : "default set");
  if (op.identity !== undefined) changes.push(op.identity === null ? "identity dropped" : op.identity.toLowerCase());
  return changes.length > 0 ? [` (${changes.join(", ")})`] : [];
}

function key(table: QualifiedName): string {
  return displayName(table);
}

function name(table: QualifiedName): Part {
  return { code: displayName(table) };
}

/** Items joined with commas; each item may be several parts (a column and what changes). */
function list(items: readonly Phrase[]): Part[] {
  return items.flatMap((item, i) => (i === 0 ? [...item] : [", ", ...item]));
}

function count(n: number, noun: string): string {
  return `${n} ${plural(n, noun)}`;
}

function plural(n: number, noun: string): string {
  return n === 1 ? noun : `${noun}s`;
}
