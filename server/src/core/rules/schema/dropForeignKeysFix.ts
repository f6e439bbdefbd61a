import type { AnalyzedSet } from "../../analysis/analyzedSet";
import type { RevisionFile } from "../../alembic/revisionFile";
import type { Fix, FileEdit } from "../../model/findings";
import type { Position, Range } from "../../model/positions";
import type { ReplayStep } from "../../schema/replay";
import { tableKey, type ConstraintState, type TableState } from "../../schema/schemaState";
import { envWithoutNamingConvention } from "../../alembic/envNamingConvention";
import { enclosingExecuteCall } from "./enclosingCall";
import { insertAt, writtenAsSql } from "./sourceEdits";
import { sqlIdentifier, sqlTableName } from "../../sql/sqlIdentifier";

/** A foreign key of another table that points at the table being dropped; `name` when the analysis is sure of it. */
export interface ReferencingKey {
  readonly table: TableState;
  readonly constraint: ConstraintState;
  readonly name: string | undefined;
}

/**
 * The name a key has in the database: the one written, or PostgreSQL's for an unnamed key written
 * as SQL. Alembic's op.* calls name an unnamed key by target_metadata's naming convention, which
 * lives in the application's models: PostgreSQL's name only when env.py surely gives none.
 */
export function knownKeyName(set: AnalyzedSet, constraint: ConstraintState): string | undefined {
  if (constraint.name !== undefined || constraint.generatedName === undefined) return constraint.name;
  const file = set.files.find((f) => f.path === constraint.created.file);
  const asSql = constraint.created.file.endsWith(".sql") || (file !== undefined && writtenAsSql(file, constraint.created));
  return asSql || (set.env !== undefined && envWithoutNamingConvention(set.env.text)) ? constraint.generatedName : undefined;
}

/**
 * Drops the keys just before the DROP TABLE. When downgrade() creates the table again, the keys
 * are added back right after it, NOT VALID: the rows still pointing at the old table's ids would
 * make a validated key fail, and the keys exist again for new rows.
 */
export function dropForeignKeysFix(step: ReplayStep, keys: readonly ReferencingKey[]): Fix | undefined {
  const named = keys.filter((k): k is ReferencingKey & { name: string } => k.name !== undefined);
  if (named.length !== keys.length || named.length === 0 || step.op.kind !== "drop_table") return undefined;
  const file = step.file;
  const drops = file.path.endsWith(".sql")
    ? beforeStatement(file, step.op.range.start, named.map((k) => `ALTER TABLE ${sqlTableName(k.table.name)} DROP CONSTRAINT ${sqlIdentifier(k.name)};`), true)
    : beforeStatement(file, pythonStatement(file, step.op.range, named)?.start, named.map(dropConstraintCall), false);
  if (!drops) return undefined;
  // A referencing table this upgrade drops later is created again by the downgrade with its own keys.
  const upgrade = file.upgrade?.operations ?? [];
  const later = new Set(upgrade.slice(upgrade.indexOf(step.op) + 1).flatMap((o) => (o.kind === "drop_table" ? [tableKey(o.table)] : [])));
  const restore = named.some((k) => later.has(tableKey(k.table.name))) ? undefined : restoreInDowngrade(file, tableKey(step.op.table), named);
  const names = named.map((k) => `'${k.name}'`).join(", ");
  const what = named.length > 1 ? `foreign keys ${names}` : `foreign key ${names}`;
  return {
    title: `Drop ${what} first${restore ? ` (${file.path.endsWith(".sql") ? "the down migration" : "downgrade()"} adds ${named.length > 1 ? "them" : "it"} back NOT VALID after re-creating the table)` : ""}`,
    edits: [drops, ...(restore ? [restore] : [])],
  };
}

/** Where the Python statement holding the DROP TABLE starts: the op call, or the execute() holding the SQL (unless a key is created in it). */
function pythonStatement(file: RevisionFile, range: Range, keys: readonly ReferencingKey[]): Range | undefined {
  if (!writtenAsSql(file, { range })) return range;
  const call = enclosingExecuteCall(file, range);
  if (!call) return undefined;
  const inside = (at: Range): boolean => file.lines.offset(at.start) >= file.lines.offset(call.start) && file.lines.offset(at.end) <= file.lines.offset(call.end);
  return keys.some((k) => k.constraint.created.file === file.path && inside(k.constraint.created.range)) ? undefined : call;
}

/** Lines inserted before a statement, indented as it is; Python needs the statement to start its line. */
function beforeStatement(file: RevisionFile, at: Position | undefined, lines: readonly string[], sql: boolean): FileEdit | undefined {
  if (!at) return undefined;
  const prefix = file.lines.lineText(at.line).slice(0, at.character);
  const startsLine = prefix.trim() === "";
  if (!startsLine && !sql) return undefined;
  const separator = startsLine ? `\n${prefix}` : " ";
  return insertAt(file, at, `${lines.join(separator)}${separator}`);
}

function dropConstraintCall(key: ReferencingKey & { name: string }): string {
  const schema = key.table.name.schema ? `, schema=${JSON.stringify(key.table.name.schema)}` : "";
  return `op.drop_constraint(${JSON.stringify(key.name)}, ${JSON.stringify(key.table.name.name)}, type_="foreignkey"${schema})`;
}

/**
 * After the downgrade's CREATE of the dropped table, the keys added back (NOT VALID), with their
 * ON DELETE / ON UPDATE / DEFERRABLE as written. A SQL
 * statement's range ends before its `;`, which then ends the last statement added.
 */
function restoreInDowngrade(file: RevisionFile, key: string, keys: readonly (ReferencingKey & { name: string })[]): FileEdit | undefined {
  const downgrade = file.downgrade;
  const create = downgrade?.operations.find((o) => o.kind === "create_table" && tableKey(o.table) === key && !o.conditional);
  // Options written in a way the analysis cannot read would be lost: the keys are not added back.
  if (!downgrade || !create || create.kind !== "create_table" || keys.some((k) => k.constraint.references?.clauses === null)) return undefined;
  const statements = keys.map((k) => {
    const target = k.constraint.references?.columns ?? [];
    return (
      `ALTER TABLE ${sqlTableName(k.table.name)} ADD CONSTRAINT ${sqlIdentifier(k.name)} FOREIGN KEY (${k.constraint.columns.map(sqlIdentifier).join(", ")}) ` +
      `REFERENCES ${sqlTableName(create.table)}${target.length > 0 ? ` (${target.map(sqlIdentifier).join(", ")})` : ""}${clauses(k)} NOT VALID`
    );
  });
  if (file.path.endsWith(".sql")) {
    return { file: downgrade.file ?? file.path, range: { start: create.range.end, end: create.range.end }, newText: statements.map((s) => `;\n${s}`).join("") };
  }
  const statement = writtenAsSql(file, create) ? enclosingExecuteCall(file, create.range) : create.range;
  if (!statement) return undefined;
  const indent = /^[ \t]*/.exec(file.lines.lineText(statement.start.line))?.[0] ?? "";
  return insertAt(file, statement.end, statements.map((s) => `\n${indent}op.execute(${JSON.stringify(s)})`).join(""));
}

function clauses(key: ReferencingKey): string {
  const written = key.constraint.references?.clauses;
  return written ? ` ${written}` : "";
}
