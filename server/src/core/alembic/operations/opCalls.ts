import type { SyntaxNode } from "@lezer/common";
import type { ConstraintSpec, Operation } from "../../schema/operations";
import { exactName, type UncertainTables } from "../../schema/namePattern";
import { bindArguments, type BoundArguments } from "./args";
import { readColumn } from "./columns";
import { indexDefinition, indexDetail, readSqlText } from "./constraints";
import { referentialClauses } from "./referentialClauses";
import { readServerDefault } from "./defaults";
import { readExecute } from "./executeSql";
import { emit, type Flow, type Output } from "./flow";
import { isNone, readBoolean, readString, readStringList, sequenceElements } from "./literals";
import { readNamePattern } from "./namePattern";
import type { Ref, Scope, TableTarget } from "./scope";
import { columnIndex, readTableDefinition, withGenerated } from "./tableDefinition";
import { tableOfObject, tableTarget } from "./tableObjects";
import { readColumnType } from "./types";

/** Alembic's signatures, positional parameters in order (`op.create_index(name, table, columns)`). */
const OP_SIGNATURES: Record<string, readonly string[]> = {
  create_table: ["table_name"],
  drop_table: ["table_name"],
  rename_table: ["old_table_name", "new_table_name"],
  add_column: ["table_name", "column"],
  drop_column: ["table_name", "column_name"],
  alter_column: ["table_name", "column_name"],
  create_index: ["index_name", "table_name", "columns"],
  drop_index: ["index_name", "table_name"],
  create_unique_constraint: ["constraint_name", "table_name", "columns"],
  create_primary_key: ["constraint_name", "table_name", "columns"],
  create_foreign_key: ["constraint_name", "source_table", "referent_table", "local_cols", "remote_cols"],
  create_check_constraint: ["constraint_name", "table_name", "condition"],
  create_exclude_constraint: ["constraint_name", "table_name"],
  drop_constraint: ["constraint_name", "table_name", "type_"],
  execute: ["sqltext"],
  bulk_insert: ["table", "rows"],
};

/** The same operations on `batch_op`: the table comes from `batch_alter_table`. */
const BATCH_SIGNATURES: Record<string, readonly string[]> = {
  add_column: ["column"],
  drop_column: ["column_name"],
  alter_column: ["column_name"],
  create_index: ["index_name", "columns"],
  drop_index: ["index_name"],
  create_unique_constraint: ["constraint_name", "columns"],
  create_primary_key: ["constraint_name", "columns"],
  create_foreign_key: ["constraint_name", "referent_table", "local_cols", "remote_cols"],
  create_check_constraint: ["constraint_name", "condition"],
  create_exclude_constraint: ["constraint_name"],
  drop_constraint: ["constraint_name", "type_"],
  execute: ["sqltext"],
};

/** Methods of `op` that change nothing in the schema (or only comments). */
const NO_SCHEMA_CHANGE = new Set([
  "get_bind", "get_context", "f", "inline_literal", "batch_alter_table", "create_table_comment", "drop_table_comment",
  "implementation_for", "register_operation", "migration_context", "impl", "schema_obj",
]);

interface Call {
  readonly prefix: string;
  readonly method: string;
  readonly args: BoundArguments;
  readonly scope: Scope;
  readonly node: SyntaxNode;
  readonly flow: Flow;
  readonly out: Output;
  /** Set for `batch_op.*`: the batch's table (undefined when not a literal). */
  readonly batch?: { readonly target: TableTarget | undefined };
}

/** `op.<method>(...)` or, with `batch`, `batch_op.<method>(...)`. */
export function readOpCall(method: string, node: SyntaxNode, scope: Scope, flow: Flow, out: Output, batch?: { readonly target: TableTarget | undefined }): void {
  if (NO_SCHEMA_CHANGE.has(method)) return;
  const prefix = batch ? "batch_op" : "op";
  const signature = (batch ? BATCH_SIGNATURES : OP_SIGNATURES)[method];
  if (!signature) {
    emit(out, flow, { kind: "unknown", reason: `${prefix}.${method}() is not read`, range: scope.range(node) });
    return;
  }
  const call: Call = { prefix, method, args: bindArguments(node, scope, signature), scope, node, flow, out, ...(batch ? { batch } : {}) };
  READERS[method]?.(call);
}

const READERS: Record<string, (call: Call) => void> = {
  create_table(call) {
    const target = table(call, "table_name", "schema");
    if (target) readTableDefinition(target, call.args.rest, call.args.incomplete, range(call), call.flow, call.out, flag(call, "if_not_exists"));
  },
  drop_table(call) {
    const target = table(call, "table_name", "schema");
    if (target) add(call, target, { kind: "drop_table", table: target.table, ...guard(call, "if_exists") });
  },
  rename_table(call) {
    const target = table(call, "old_table_name", "schema");
    const newName = string(call, "new_table_name");
    if (target && newName !== undefined) add(call, target, { kind: "rename_table", table: target.table, newName });
    else if (target) {
      const tables: UncertainTables[] = [{ name: exactName(target.table.name), may: "be-gone" }, { name: readNamePattern(call.args.get("new_table_name")), may: "exist" }];
      unknown(call, "a new name built at run time", tables);
    }
  },
  add_column(call) {
    const target = table(call, "table_name", "schema");
    const columnRef = call.args.get("column");
    const column = columnRef ? readColumn(columnRef, call.scope.module.dialect) : undefined;
    if (!target) return;
    if (!column) return unknown(call, "a column built at run time");
    const [spec] = withGenerated([column], []);
    if (spec) add(call, target, { kind: "add_column", table: target.table, column: spec, ...objectGuard(call, "if_not_exists") });
    if (column.index) emit(call.out, call.flow, columnIndex(target, column, range(call)));
  },
  drop_column(call) {
    const target = table(call, "table_name", "schema");
    const column = string(call, "column_name");
    if (target && column !== undefined) add(call, target, { kind: "drop_column", table: target.table, column, ...objectGuard(call, "if_exists") });
    else if (target) unknown(call, "a column name built at run time");
  },
  alter_column(call) {
    const target = table(call, "table_name", "schema");
    const column = string(call, "column_name");
    if (!target) return;
    if (column === undefined) return unknown(call, "a column name built at run time");
    const { args, scope } = call;
    const dialect = scope.module.dialect;
    const type = (name: string): string | undefined => {
      const ref = args.get(name);
      return ref && !isNone(ref) ? readColumnType(ref, dialect)?.text : undefined;
    };
    const bool = (name: string): boolean | undefined => (args.get(name) ? readBoolean(args.get(name) as Ref) : undefined);
    const newName = string(call, "new_column_name");
    const typeText = type("type_");
    const typeRef = args.get("type_");
    const typeGuessed = typeRef && !isNone(typeRef) ? readColumnType(typeRef, dialect)?.guessed === true : false;
    const using = dialect === "postgresql" && args.get("postgresql_using") ? readSqlText(args.get("postgresql_using") as Ref) : undefined;
    const defaultRef = args.get("server_default");
    // False (Alembic's "unchanged") is the default; None drops the default.
    const changesDefault = defaultRef !== undefined && readBoolean(defaultRef) !== false;
    const existingType = type("existing_type");
    add(call, target, {
      kind: "alter_column",
      table: target.table,
      column,
      ...(newName !== undefined ? { newName } : {}),
      ...(typeText !== undefined ? { type: typeText } : {}),
      ...(typeGuessed ? { typeGuessed: true } : {}),
      ...(using !== undefined ? { using } : {}),
      ...(bool("nullable") !== undefined ? { nullable: bool("nullable") } : {}),
      ...(changesDefault && defaultRef ? { default: isNone(defaultRef) ? null : readServerDefault(defaultRef) } : {}),
      ...(existingType !== undefined ? { existingType } : {}),
      ...(bool("existing_nullable") !== undefined ? { existingNullable: bool("existing_nullable") } : {}),
    });
  },
  create_index(call) {
    const target = table(call, "table_name", "schema");
    if (!target) return;
    const { args, scope } = call;
    const dialect = scope.module.dialect;
    const name = string(call, "index_name");
    const columnsRef = args.get("columns");
    const elements = columnsRef ? (sequenceElements(columnsRef) ?? [columnsRef]) : [];
    const columns = elements.flatMap((e) => readString(e)?.value ?? []);
    const expressions = elements.filter((e) => !readString(e));
    const detail = indexDetail(expressions, args, dialect);
    const definition = indexDefinition(elements, args, dialect);
    add(call, target, {
      kind: "create_index",
      ...(name !== undefined ? { name } : {}),
      table: target.table,
      columns,
      unique: flag(call, "unique"),
      concurrently: dialect === "postgresql" && flag(call, "postgresql_concurrently"),
      ...(detail ? { detail } : {}),
      ...(definition ? { definition } : {}),
      ...objectGuard(call, "if_not_exists"),
    });
  },
  drop_index(call) {
    const { args, scope } = call;
    const nameRef = args.get("index_name");
    const name = nameRef ? readString(nameRef) : undefined;
    const schema = args.get("schema") ? readString(args.get("schema") as Ref)?.value : undefined;
    const target = call.batch ? call.batch.target : args.get("table_name") ? tableTarget(args.get("table_name"), args.get("schema")) : undefined;
    if (!name) return unknown(call, "an index name built at run time");
    const names = call.batch ? { batch: true, ...(target?.nameRange ? { tableRange: target.nameRange } : {}) } : { nameRange: target?.nameRange ?? name.range };
    emit(call.out, call.flow, {
      kind: "drop_index",
      name: name.value,
      ...(target ? { table: target.table } : {}),
      ...(schema ?? target?.table.schema ? { schema: schema ?? target?.table.schema } : {}),
      concurrently: scope.module.dialect === "postgresql" && flag(call, "postgresql_concurrently"),
      range: range(call),
      ...names,
      ...guard(call, "if_exists"),
    });
  },
  create_unique_constraint(call) {
    addConstraint(call, "table_name", "schema", { kind: "unique", columns: strings(call, "columns") });
  },
  create_primary_key(call) {
    addConstraint(call, "table_name", "schema", { kind: "primary_key", columns: strings(call, "columns") });
  },
  create_check_constraint(call) {
    const condition = call.args.get("condition");
    const expression = condition ? readSqlText(condition) : undefined;
    addConstraint(call, "table_name", "schema", { kind: "check", columns: [], ...(expression !== undefined ? { expression } : {}) });
  },
  create_exclude_constraint(call) {
    const columns = call.args.rest.flatMap((r) => {
      const first = sequenceElements(r)?.[0];
      return first ? (readString(first)?.value ?? []) : [];
    });
    addConstraint(call, "table_name", "schema", { kind: "exclude", columns });
  },
  create_foreign_key(call) {
    const referent = tableTarget(call.args.get("referent_table"), call.args.get("referent_schema"));
    const remote = call.args.get("remote_cols") ? readStringList(call.args.get("remote_cols") as Ref)?.items.map((i) => i.value) : undefined;
    const references = referent && remote ? { table: referent.table, columns: remote, ...referentialClauses((keyword) => call.args.get(keyword)) } : undefined;
    addConstraint(call, "source_table", "source_schema", { kind: "foreign_key", columns: strings(call, "local_cols"), ...(references ? { references } : {}) });
  },
  drop_constraint(call) {
    const target = table(call, "table_name", "schema");
    const nameRef = call.args.get("constraint_name");
    // Autogenerate writes None for constraints it could not name; SQLAlchemy refuses to drop them.
    if (target && nameRef && isNone(nameRef)) {
      const reason = `${call.prefix}.drop_constraint(None, ...) fails: SQLAlchemy cannot drop a constraint without a name`;
      return emit(call.out, call.flow, { kind: "unknown", reason, range: range(call) });
    }
    const name = string(call, "constraint_name");
    if (target && name !== undefined) add(call, target, { kind: "drop_constraint", table: target.table, name, ...objectGuard(call, "if_exists") });
    else if (target) unknown(call, "a constraint name built at run time");
  },
  execute(call) {
    const sql = call.args.get("sqltext");
    if (sql) readExecute(call.node, sql, call.flow, call.out, true);
    else unknown(call, "no SQL");
  },
  bulk_insert(call) {
    const tableRef = call.args.get("table");
    const target = tableRef ? tableOfObject(tableRef) : undefined;
    add(call, target, { kind: "data_change", statement: "insert", ...(target ? { table: target.table } : {}) });
  },
};

/** An operation without its place in the file, which `add` fills in. */
type Body = Operation extends infer O ? (O extends Operation ? Omit<O, "range" | "nameRange"> : never) : never;

function add(call: Call, target: TableTarget | undefined, operation: Body): void {
  // Inside batch_alter_table the table is named once, on the `with` line: findings belong on the call.
  const names = call.batch ? { batch: true, ...(target?.nameRange ? { tableRange: target.nameRange } : {}) } : target?.nameRange ? { nameRange: target.nameRange } : {};
  emit(call.out, call.flow, { ...operation, range: range(call), ...names } as Operation);
}

function addConstraint(call: Call, tableParam: string, schemaParam: string, constraint: ConstraintSpec): void {
  const target = table(call, tableParam, schemaParam);
  if (!target) return;
  const name = string(call, "constraint_name");
  const notValid = call.scope.module.dialect === "postgresql" && flag(call, "postgresql_not_valid");
  add(call, target, { kind: "add_constraint", table: target.table, constraint: name !== undefined ? { ...constraint, name } : constraint, notValid });
}

/** The table an operation applies to; an `unknown` operation (and undefined) when its name is not a literal. */
function table(call: Call, nameParam: string, schemaParam: string): TableTarget | undefined {
  const target = call.batch ? call.batch.target : tableTarget(call.args.get(nameParam), call.args.get(schemaParam));
  if (!target) unknown(call, "a table name built at run time", call.batch ? undefined : tablesNamedAtRunTime(call));
  return target;
}

/** The tables a create, drop or rename of a table named at run time may have made or removed. */
function tablesNamedAtRunTime(call: Call): UncertainTables[] | undefined {
  const name = (param: string) => readNamePattern(call.args.get(param));
  switch (call.method) {
    case "create_table":
      return [{ name: name("table_name"), may: "exist" }];
    case "drop_table":
      return [{ name: name("table_name"), may: "be-gone" }];
    case "rename_table":
      return [{ name: name("old_table_name"), may: "be-gone" }, { name: name("new_table_name"), may: "exist" }];
    default:
      return undefined;
  }
}

function unknown(call: Call, what: string, tables?: readonly UncertainTables[]): void {
  emit(call.out, call.flow, { kind: "unknown", reason: `${call.prefix}.${call.method}() with ${what} is not read`, range: range(call), ...(tables ? { tables } : {}) });
}

function range(call: Call): ReturnType<Scope["range"]> {
  return call.scope.range(call.node);
}

function string(call: Call, param: string): string | undefined {
  const ref = call.args.get(param);
  return ref ? readString(ref)?.value : undefined;
}

function strings(call: Call, param: string): string[] {
  const ref = call.args.get(param);
  return ref ? (readStringList(ref)?.items.map((i) => i.value) ?? []) : [];
}

function flag(call: Call, param: string): boolean {
  const ref = call.args.get(param);
  return ref ? readBoolean(ref) === true : false;
}

function guard(call: Call, param: string): { guarded?: true } {
  return flag(call, param) ? { guarded: true } : {};
}

/** if_exists / if_not_exists on a column, index or constraint: guards that object, not its table. */
function objectGuard(call: Call, param: string): { objectGuarded?: true } {
  return flag(call, param) ? { objectGuarded: true } : {};
}
