import type { QualifiedName } from "./operations";
import type { ConstraintState, Provenance, SchemaState, TableState } from "./schemaState";

/** PostgreSQL's NAMEDATALEN - 1: the longest identifier, in bytes. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * The name PostgreSQL gives an unnamed foreign key (ChooseConstraintName with
 * ChooseForeignKeyConstraintNameAddition): `<table>_<col1>_<col2>_fkey`, the longer of the table
 * and column parts shortened first to fit 63 bytes, and `fkey1`, `fkey2`… while a constraint of
 * that name exists in the schema. Undefined when the analysis cannot be sure: a name that is not
 * plain ASCII (PostgreSQL cuts at character boundaries of the server's encoding), or a schema
 * holding tables whose constraints are not known. `naming` is the operation whose keys are being named.
 */
export function postgresForeignKeyName(state: SchemaState, table: QualifiedName, columns: readonly string[], naming: Provenance): string | undefined {
  if (columns.length === 0 || ![table.name, ...columns].every(isAscii) || state.unreadOperations || state.incomplete) return undefined;
  const schemaTables = [...state.tables.values()].filter((t) => sameSchema(t.name, table));
  if (schemaTables.some((t) => !constraintsKnown(t))) return undefined;
  const taken = new Set(schemaTables.flatMap((t) => t.constraints.map((c) => c.name ?? c.generatedName)));
  // Another unnamed key whose name is unknown may hold any name; those of this operation are named in turn.
  const unknownName = (c: ConstraintState): boolean => c.name === undefined && c.kind === "foreign_key" && c.generatedName === undefined && c.created !== naming;
  if (schemaTables.some((t) => t.constraints.some(unknownName))) return undefined;
  const columnPart = joinColumns(columns);
  for (let pass = 0; ; pass++) {
    const name = objectName(table.name, columnPart, pass === 0 ? "fkey" : `fkey${pass}`);
    if (!taken.has(name)) return name;
  }
}

/**
 * The name PostgreSQL gives an unnamed primary key: `<table>_pkey` (the table's name shortened to
 * fit 63 bytes). Undefined when it is not plain ASCII or another relation of the schema already
 * has that name (PostgreSQL would then pick `pkey1`…, which depends on what the analysis may not see).
 */
export function postgresPrimaryKeyName(state: SchemaState, table: QualifiedName): string | undefined {
  if (!isAscii(table.name) || state.unreadOperations || state.incomplete) return undefined;
  const name = primaryKeyName(table.name);
  return state.holdsName(table.schema ?? "public", name, ["table", "index", "key", "constraint"]) ? undefined : name;
}

/** `<table>_pkey`, the table's name shortened to fit 63 bytes. */
export function primaryKeyName(table: string): string {
  return `${table.slice(0, MAX_IDENTIFIER_BYTES - "_pkey".length)}_pkey`;
}

/**
 * The name PostgreSQL gives an unnamed constraint when it is created, before any collision:
 * `<table>_pkey`, `<table>_<cols>_fkey`, `<table>_<cols>_key`, and `<table>_<col>_check` for a
 * check reading one column (`<table>_check` otherwise).
 */
export function defaultConstraintName(table: string, c: { readonly kind: ConstraintState["kind"]; readonly columns: readonly string[] }): string | undefined {
  switch (c.kind) {
    case "primary_key":
      return primaryKeyName(table);
    case "foreign_key":
      return objectName(table, joinColumns(c.columns), "fkey");
    case "unique":
      return objectName(table, joinColumns(c.columns), "key");
    case "check":
      return c.columns.length === 1 ? objectName(table, c.columns[0] as string, "check") : `${table.slice(0, MAX_IDENTIFIER_BYTES - "_check".length)}_check`;
    default:
      return undefined;
  }
}

/** Column names joined by `_`, stopping once the text reaches 64 bytes (PostgreSQL's buffer). */
function joinColumns(columns: readonly string[]): string {
  let joined = "";
  for (const column of columns) {
    if (joined.length > 0) joined += "_";
    joined += column.slice(0, MAX_IDENTIFIER_BYTES);
    if (joined.length >= MAX_IDENTIFIER_BYTES + 1) break;
  }
  return joined;
}

/** makeObjectName: `name1_name2_label`, taking a character from the longer name until it fits. */
export function objectName(name1: string, name2: string, label: string): string {
  const available = MAX_IDENTIFIER_BYTES - (label.length + 2);
  let length1 = name1.length;
  let length2 = name2.length;
  while (length1 + length2 > available) {
    if (length1 > length2) length1--;
    else length2--;
  }
  return `${name1.slice(0, length1)}_${name2.slice(0, length2)}_${label}`;
}

/** Tables the analysis built from their CREATE (or a tool's own, whose names are fixed). */
function constraintsKnown(table: TableState): boolean {
  return table.providedBy !== undefined || (!table.external && !table.assumed && !table.sibling && table.columnsKnown);
}

function sameSchema(a: QualifiedName, b: QualifiedName): boolean {
  return (a.schema ?? "public") === (b.schema ?? "public");
}

function isAscii(text: string): boolean {
  return [...text].every((c) => c.charCodeAt(0) < 128);
}
