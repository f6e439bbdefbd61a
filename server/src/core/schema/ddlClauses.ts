import type { ConstraintKind, ForeignKeyTarget, IndexDefinition, QualifiedName } from "./operations";
import { sqlIdentifier, sqlTableName } from "../sql/sqlIdentifier";
import { serialType } from "./sequenceTypes";

/**
 * The pieces of PostgreSQL DDL that `schema` (the replayed state) and `verify` (Alembic
 * operations) both write: one spelling, so what verify runs and what it compares agree.
 */

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}


interface ColumnLike {
  readonly name: string;
  /** Known as SQL: the caller leaves out columns whose type is not. */
  readonly type?: string;
  readonly nullable: boolean;
  readonly default?: string;
  readonly generated?: boolean;
  readonly generatedAs?: string;
}

/** `name type [NOT NULL] [DEFAULT …] [GENERATED …]`. */
export function columnDefinition(c: ColumnLike): string {
  const type = c.type as string;
  // An integer the database fills with no default or identity written: SQLAlchemy's autoincrement key, a serial.
  const serial = c.generated && c.default === undefined && c.generatedAs === undefined ? serialType(type) : undefined;
  const parts = [sqlIdentifier(c.name), serial ?? type];
  if (!c.nullable) parts.push("NOT NULL");
  if (c.default !== undefined) parts.push(`DEFAULT ${c.default}`);
  if (c.generatedAs !== undefined) parts.push(c.generatedAs);
  return parts.join(" ");
}

/** A PRIMARY KEY, UNIQUE or CHECK clause; undefined for other kinds or a check whose expression is not known. */
export function keyConstraintSql(c: { readonly kind: ConstraintKind; readonly name?: string | undefined; readonly columns: readonly string[]; readonly expression?: string | undefined; readonly deferral?: string | undefined }): string | undefined {
  const named = c.name ? `CONSTRAINT ${sqlIdentifier(c.name)} ` : "";
  const columns = c.columns.map(sqlIdentifier).join(", ");
  const deferral = c.deferral ? ` ${c.deferral}` : "";
  // A key whose columns are not known (USING an index the analysis did not see) cannot be written.
  if ((c.kind === "primary_key" || c.kind === "unique") && c.columns.length === 0) return undefined;
  if (c.kind === "primary_key") return `${named}PRIMARY KEY (${columns})${deferral}`;
  if (c.kind === "unique") return `${named}UNIQUE (${columns})${deferral}`;
  if (c.kind === "check" && c.expression !== undefined) return `${named}CHECK (${c.expression})`;
  if (c.kind === "exclude" && c.expression !== undefined) return `${named}EXCLUDE ${c.expression}${deferral}`;
  return undefined;
}

/** `[CONSTRAINT name] FOREIGN KEY (…) REFERENCES t [(…)] [ON DELETE …]`. */
export function foreignKeySql(name: string | undefined, columns: readonly string[], target: ForeignKeyTarget): string {
  const referenced = target.columns.length ? ` (${target.columns.map(sqlIdentifier).join(", ")})` : "";
  return `${name ? `CONSTRAINT ${sqlIdentifier(name)} ` : ""}FOREIGN KEY (${columns.map(sqlIdentifier).join(", ")}) REFERENCES ${sqlTableName(target.table)}${referenced}${target.clauses ? ` ${target.clauses}` : ""}`;
}

/** An index's keys, method and predicate as SQL: as read, or its plain columns; undefined when it has expressions not known as SQL. */
export function indexDefinitionOf(index: { readonly definition?: IndexDefinition | undefined; readonly detail?: string | undefined; readonly columns: readonly string[] }): IndexDefinition | undefined {
  return index.definition ?? (index.detail === undefined && index.columns.length > 0 ? { keys: index.columns.map(sqlIdentifier) } : undefined);
}

/** `CREATE [UNIQUE] INDEX [CONCURRENTLY] [name] ON t [USING m] (…) [INCLUDE (…)] [WHERE …]`, without the semicolon. */
export function createIndexSql(index: { readonly name?: string | undefined; readonly unique: boolean; readonly concurrently?: boolean }, table: QualifiedName, definition: IndexDefinition): string {
  const name = index.name ? `${sqlIdentifier(index.name)} ` : "";
  const method = definition.method ? `USING ${definition.method} ` : "";
  const where = definition.where ? ` WHERE ${definition.where}` : "";
  const include = definition.include ? ` INCLUDE ${definition.include}` : "";
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${index.concurrently ? "CONCURRENTLY " : ""}${name}ON ${sqlTableName(table)} ${method}(${definition.keys.join(", ")})${include}${where}`;
}
