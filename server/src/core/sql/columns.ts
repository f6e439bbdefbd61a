import type { ColumnConstraint, ColumnDefinition, Constraint, ConstraintModifier, ReferencesSpecification, TableConstraint } from "sql-parser-cst";
import type { ColumnSpec, ConstraintSpec, ForeignKeyTarget } from "../schema/operations";
import { identifierOf, qualifiedNameOf, spanOf, textOf, typeOf, type StatementContext } from "./statementContext";
import { expressionColumns } from "./expressionColumns";

/** Serial types are integers the database fills from a sequence, and never null. */
const SERIAL_TYPES = new Set(["serial", "serial2", "serial4", "serial8", "smallserial", "bigserial"]);

export interface ColumnReading {
  readonly column: ColumnSpec;
  /** Column constraints that need a table-level home: named ones (their name matters later) and checks. */
  readonly constraints: readonly ConstraintSpec[];
  /** Where the last NOT NULL stands ([start, end) in the SQL): a fix may take it out. */
  readonly notNull?: readonly [number, number];
}

/**
 * One column definition. Unnamed PRIMARY KEY / UNIQUE / REFERENCES stay flags on the column;
 * a named one becomes a constraint, so that a later DROP CONSTRAINT finds it.
 */
export function readColumn(ctx: StatementContext, node: ColumnDefinition): ColumnReading {
  const name = identifierOf(ctx, node.name);
  const type = node.dataType ? typeOf(ctx, node.dataType) : undefined;
  let nullable = true;
  let primaryKey = false;
  let unique = false;
  const serial = type !== undefined && SERIAL_TYPES.has(type);
  let generated = serial;
  let generatedAs: string | undefined;
  let identity = false;
  let defaultText: string | undefined;
  let references: ForeignKeyTarget | undefined;
  let notNull: [number, number] | undefined;
  const constraints: ConstraintSpec[] = [];

  for (const item of node.constraints) {
    const { constraint, constraintName, modifiers } = unwrap(ctx, item);
    const named = (spec: Omit<ConstraintSpec, "name">): ConstraintSpec => (constraintName === undefined ? spec : { ...spec, name: constraintName });
    switch (constraint.type) {
      case "constraint_not_null":
        nullable = false;
        notNull = spanOf(ctx, item);
        break;
      case "constraint_null":
        nullable = true;
        notNull = undefined;
        break;
      case "constraint_default":
        defaultText = textOf(ctx, constraint.expr);
        break;
      case "constraint_primary_key":
        nullable = false;
        if (constraintName === undefined) primaryKey = true;
        else constraints.push(named({ kind: "primary_key", columns: [name] }));
        break;
      case "constraint_unique":
        if (constraintName === undefined) unique = true;
        else constraints.push(named({ kind: "unique", columns: [name] }));
        break;
      case "references_specification":
        if (constraintName === undefined) references = referenceTarget(ctx, constraint, modifiers);
        else constraints.push(named({ kind: "foreign_key", columns: [name], references: referenceTarget(ctx, constraint, modifiers) }));
        break;
      case "constraint_check":
        constraints.push(named({ kind: "check", columns: [name], expression: textOf(ctx, constraint.expr.expr) }));
        break;
      case "constraint_auto_increment":
        generated = true;
        break;
      case "constraint_generated":
        generated = true;
        generatedAs = textOf(ctx, constraint);
        identity = constraint.expr.type === "identity_column";
        break;
      default:
        break;
    }
  }
  // PostgreSQL makes serial and identity columns NOT NULL.
  if (serial || identity) nullable = false;
  // SQLite: an INTEGER PRIMARY KEY column is the rowid, filled in when not given.
  if (ctx.dialect === "sqlite" && primaryKey && type === "integer") generated = true;

  const column: ColumnSpec = {
    name,
    ...(type !== undefined ? { type } : {}),
    nullable,
    ...(defaultText !== undefined ? { default: defaultText } : {}),
    ...(primaryKey ? { primaryKey } : {}),
    ...(unique ? { unique } : {}),
    ...(references ? { references } : {}),
    ...(generated ? { generated } : {}),
    ...(generatedAs !== undefined ? { generatedAs } : {}),
    ...(identity ? { identity } : {}),
  };
  return { column, constraints, ...(notNull ? { notNull } : {}) };
}

function unwrap(ctx: StatementContext, item: ColumnConstraint | Constraint<ColumnConstraint>): { constraint: ColumnConstraint; constraintName: string | undefined; modifiers: readonly ConstraintModifier[] } {
  if (item.type !== "constraint") return { constraint: item, constraintName: undefined, modifiers: [] };
  return { constraint: item.constraint, constraintName: item.name?.name ? identifierOf(ctx, item.name.name) : undefined, modifiers: item.modifiers };
}

/** The referenced table and columns, with what follows them (MATCH, ON DELETE / UPDATE, DEFERRABLE, INITIALLY). */
export function referenceTarget(ctx: StatementContext, node: ReferencesSpecification, modifiers: readonly ConstraintModifier[] = []): ForeignKeyTarget {
  const clauses = [...node.options.map((o) => textOf(ctx, o)), ...deferralOf(ctx, modifiers)].join(" ");
  return { table: qualifiedNameOf(ctx, node.table), columns: node.columns ? node.columns.expr.items.map((c) => identifierOf(ctx, c)) : [], ...(clauses ? { clauses } : {}) };
}

/** `DEFERRABLE`, `NOT DEFERRABLE`, `INITIALLY DEFERRED | IMMEDIATE`, as written. */
function deferralOf(ctx: StatementContext, modifiers: readonly ConstraintModifier[]): string[] {
  const words = (m: ConstraintModifier): string[] => (Array.isArray(m.kw) ? m.kw : [m.kw]).map((k) => k.name);
  return modifiers.filter((m) => words(m).includes("DEFERRABLE") || words(m)[0] === "INITIALLY").map((m) => textOf(ctx, m));
}

/**
 * A table constraint (CREATE TABLE or ALTER TABLE … ADD). Undefined for MySQL's plain
 * INDEX / KEY, which is an index, not a constraint.
 */
export function readTableConstraint(ctx: StatementContext, node: TableConstraint, name: string | undefined, modifiers: readonly ConstraintModifier[] = []): ConstraintSpec | undefined {
  const deferral = deferralOf(ctx, modifiers).join(" ");
  const withName = (spec: Omit<ConstraintSpec, "name">): ConstraintSpec => {
    const deferred = deferral && (spec.kind === "primary_key" || spec.kind === "unique" || spec.kind === "exclude") ? { ...spec, deferral } : spec;
    return name === undefined ? deferred : { ...deferred, name };
  };
  switch (node.type) {
    case "constraint_primary_key":
      if (node.columns?.type === "existing_index") return withName({ kind: "primary_key", columns: [], usingIndex: identifierOf(ctx, node.columns.index) });
      return withName({ kind: "primary_key", columns: node.columns?.type === "paren_expr" ? node.columns.expr.items.flatMap((s) => (s.expr.type === "identifier" ? [identifierOf(ctx, s.expr)] : [])) : [] });
    case "constraint_unique":
      if (node.columns?.type === "existing_index") return withName({ kind: "unique", columns: [], usingIndex: identifierOf(ctx, node.columns.index) });
      return withName({ kind: "unique", columns: node.columns?.type === "paren_expr" ? node.columns.expr.items.map((c) => identifierOf(ctx, c)) : [] });
    case "constraint_check":
      return withName({ kind: "check", columns: expressionColumns(ctx, node.expr.expr), expression: textOf(ctx, node.expr.expr) });
    case "constraint_foreign_key":
      return withName({ kind: "foreign_key", columns: node.columns.expr.items.map((c) => identifierOf(ctx, c)), references: referenceTarget(ctx, node.references, modifiers) });
    case "constraint_exclude":
      return withName({
        kind: "exclude",
        // Every column its elements and predicate read: dropping one drops the constraint.
        columns: [...new Set([node.params, ...node.clauses].flatMap((part) => expressionColumns(ctx, part)))],
        // What follows EXCLUDE: method, elements, index parameters and predicate.
        expression: [...(node.using ? [node.using] : []), node.params, ...node.clauses].map((part) => textOf(ctx, part)).join(" "),
      });
    case "constraint_index":
      return undefined;
  }
}
