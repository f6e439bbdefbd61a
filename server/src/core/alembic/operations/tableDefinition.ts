import type { ColumnSpec, ConstraintSpec, Operation } from "../../schema/operations";
import type { Range } from "../../model/positions";
import { readColumn, type ColumnRead } from "./columns";
import { constraintKind, isIndexCall, readConstraint, readIndex } from "./constraints";
import { emit, type Flow, type Output } from "./flow";
import type { Ref, TableTarget } from "./scope";
import { isIntegerType } from "./types";
import { sqlIdentifier } from "../../sql/sqlIdentifier";

/**
 * The items of `op.create_table(name, *items)` (or `sa.Table(name, metadata, *items)`): CREATE
 * TYPE for its PostgreSQL enums first, then the table, then the indexes SQLAlchemy creates with
 * it (`sa.Index(...)`, `Column(index=True)`). Items that cannot be read make an `unknown`
 * operation after the table, so that its column list is known to be incomplete.
 */
export function readTableDefinition(
  target: TableTarget,
  items: readonly Ref[],
  incomplete: boolean,
  range: Range,
  flow: Flow,
  out: Output,
  guarded: boolean,
): void {
  const dialect = items[0]?.scope.module.dialect ?? "postgresql";
  const columns: ColumnRead[] = [];
  const constraints: ConstraintSpec[] = [];
  const indexes: Ref[] = [];
  let unread = incomplete;
  for (const item of items) {
    const column = readColumn(item, dialect);
    if (column) columns.push(column);
    else if (constraintKind(item)) {
      const constraint = readConstraint(item);
      if (constraint) constraints.push(constraint);
    } else if (isIndexCall(item)) indexes.push(item);
    else unread = true;
  }

  const enums = new Set<string>();
  for (const column of columns) {
    const type = column.enum;
    if (!type?.createdWithTable || !type.name || enums.has(type.name.value)) continue;
    enums.add(type.name.value);
    const name = type.schema ? { schema: type.schema, name: type.name.value } : { name: type.name.value };
    emit(out, flow, { kind: "create_enum", type: name, values: type.values, range: type.ref.scope.range(type.ref.node), nameRange: type.name.range });
  }

  const specs = withGenerated(columns, constraints);
  const base = { range, ...(target.nameRange ? { nameRange: target.nameRange } : {}) };
  emit(out, flow, { kind: "create_table", table: target.table, columns: specs, constraints, ...base, ...(guarded ? { guarded: true } : {}) });

  for (const column of columns) {
    if (!column.index) continue;
    emit(out, flow, columnIndex(target, column, range));
  }
  for (const item of indexes) {
    const index = readIndex(item, dialect);
    emit(out, flow, { kind: "create_index", ...(index.name ? { name: index.name } : {}), table: target.table, columns: index.columns, unique: index.unique, concurrently: false, ...(index.detail ? { detail: index.detail } : {}), ...(index.definition ? { definition: index.definition } : {}), ...base });
  }
  if (unread) emit(out, flow, { kind: "unknown", reason: `some columns or constraints of table '${target.table.name}' are built at run time and are not read`, ...base });
}

/** The index `Column(index=True)` makes, named by SQLAlchemy's default convention `ix_<table>_<column>`. */
export function columnIndex(target: TableTarget, column: ColumnRead, range: Range): Operation {
  const schema = target.table.schema ? `${target.table.schema.replace(/\./g, "_")}_` : "";
  return {
    kind: "create_index",
    name: `ix_${schema}${target.table.name}_${column.spec.name}`,
    table: target.table,
    columns: [column.spec.name],
    unique: column.spec.unique === true,
    concurrently: false,
    definition: { keys: [sqlIdentifier(column.spec.name)] },
    range,
    ...(target.nameRange ? { nameRange: target.nameRange } : {}),
  };
}

/**
 * Column specs as the table makes them: primary-key columns are NOT NULL, and the single
 * integer primary key is SERIAL / IDENTITY (SQLAlchemy's autoincrement="auto") unless
 * `autoincrement=False`. A column with `index=True, unique=True` gets a unique index, not a
 * unique constraint.
 */
export function withGenerated(columns: readonly ColumnRead[], constraints: readonly ConstraintSpec[]): ColumnSpec[] {
  const constraintKeys = new Set(constraints.filter((c) => c.kind === "primary_key").flatMap((c) => c.columns));
  const keys = columns.filter((c) => c.spec.primaryKey || constraintKeys.has(c.spec.name));
  return columns.map((column) => {
    const isKey = keys.includes(column);
    const serial = isKey && isIntegerType(column.spec.type) && (column.autoincrement === true || (keys.length === 1 && column.autoincrement !== false));
    const { unique, ...rest } = column.spec;
    const spec: ColumnSpec = { ...rest, ...(unique && !column.index ? { unique } : {}) };
    return {
      ...spec,
      ...(isKey ? { nullable: false } : {}),
      ...(serial || spec.generated ? { generated: true } : {}),
    };
  });
}
