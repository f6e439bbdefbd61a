import type { Range } from "../model/positions";
import type { UncertainTables } from "./namePattern";
import type { SqlDialect } from "./sqlContract";

/**
 * Schema operations: what a migration does to the database, whatever it was written in
 * (Alembic `op.*` calls, SQL statements). Names are normalized by the producer: SQL folds
 * unquoted identifiers as the dialect does (PostgreSQL: lower case) and keeps quoted ones;
 * Alembic names are kept as written (SQLAlchemy quotes mixed-case names).
 */
export interface QualifiedName {
  readonly schema?: string;
  readonly name: string;
}

export interface ColumnSpec {
  readonly name: string;
  /** The type as written, normalized to lower case without extra spaces (`varchar(255)`, `integer`). */
  readonly type?: string;
  /** The type names a class the analysis does not know (a project's TypeDecorator): shown, never run as SQL. */
  readonly typeGuessed?: true;
  /** NOT NULL when false. Primary-key columns are not nullable. */
  readonly nullable: boolean;
  /** The server-side default as SQL text, when there is one. */
  readonly default?: string;
  readonly primaryKey?: boolean;
  readonly unique?: boolean;
  readonly references?: ForeignKeyTarget;
  /** Identity / serial / autoincrement: filled by the database, so NOT NULL needs no default. */
  readonly generated?: boolean;
  /** How PostgreSQL generates it, as written after the type (`GENERATED ALWAYS AS IDENTITY`, `GENERATED ALWAYS AS (a + b) STORED`). */
  readonly generatedAs?: string;
  /** An identity column (`GENERATED … AS IDENTITY`, `sa.Identity()`): PostgreSQL makes it a sequence. */
  readonly identity?: true;
  /** An enum column's labels, as its type declares them (`sa.Enum("a", "b", name=...)`): the values it may hold. */
  readonly labels?: readonly string[];
  /** The PostgreSQL enum type the column's type names (`sa.Enum(..., name="mood")`): it must exist when the column is added. */
  readonly enumType?: QualifiedName;
}

/** A table's column, as OWNED BY names it. */
export interface ColumnName {
  readonly table: QualifiedName;
  readonly column: string;
}

export interface ForeignKeyTarget {
  readonly table: QualifiedName;
  readonly columns: readonly string[];
  /**
   * What follows the referenced columns, as PostgreSQL takes it (`ON DELETE CASCADE DEFERRABLE`);
   * null when it was written with values the analysis cannot read.
   */
  readonly clauses?: string | null;
  /** The key's name when a column's reference names it (`sa.ForeignKey("users.id", name=...)`). */
  readonly name?: string;
  /** SQLAlchemy's use_alter=True: added by ALTER TABLE once every table of the create exists. */
  readonly deferred?: boolean;
}

export type ConstraintKind = "primary_key" | "unique" | "check" | "foreign_key" | "exclude";

export interface ConstraintSpec {
  readonly kind: ConstraintKind;
  readonly name?: string;
  readonly columns: readonly string[];
  readonly references?: ForeignKeyTarget;
  /** Check expression as SQL text. */
  readonly expression?: string;
  /** A primary key's or unique constraint's `DEFERRABLE [INITIALLY …]`, as written (a foreign key's is in its clauses). */
  readonly deferral?: string;
  /** `PRIMARY KEY | UNIQUE USING INDEX i`: the key takes the index (its columns, and the constraint's name). */
  readonly usingIndex?: string;
}

/** Where an operation stands in its file: the whole statement, and the table (or object) name. */
export interface OperationSource {
  readonly range: Range;
  readonly nameRange?: Range;
  /** Under an existence guard (`if not inspector.has_table(...)`, SQL IF [NOT] EXISTS): never reported as missing or duplicate. */
  readonly guarded?: boolean;
  /**
   * Runs only under a condition the analysis cannot evaluate (`if settings.flag:`, after
   * `if not context.is_offline_mode(): return`): it may not run at all, so the schema after it
   * is uncertain about what it touches. Always guarded too.
   */
  readonly conditional?: boolean;
  /** Inside Alembic's `op.get_context().autocommit_block()`: runs outside the migration's transaction. */
  readonly autocommit?: boolean;
  /**
   * IF [NOT] EXISTS on the column, index or constraint itself (`ADD COLUMN IF NOT EXISTS`,
   * `if_not_exists=True`): only that object's existence is guarded; its table must still exist.
   */
  readonly objectGuarded?: boolean;
  /** `ALTER TABLE IF EXISTS`: only the table's existence is guarded; its columns are still judged. */
  readonly tableGuarded?: boolean;
  /** The table's name when `nameRange` is another object's (an index's), or is absent (batch mode). */
  readonly tableRange?: Range;
  /** Inside `op.batch_alter_table()`: it runs when the batch block exits, not where it is written. */
  readonly batch?: boolean;
}

export type Operation = OperationSource &
  (
    | {
        readonly kind: "create_table";
        readonly table: QualifiedName;
        readonly columns: readonly ColumnSpec[];
        readonly constraints: readonly ConstraintSpec[];
        /** The table gets columns not listed here (CREATE TABLE … AS SELECT, LIKE, PARTITION OF, OF type, a virtual-table module). */
        readonly columnsIncomplete?: boolean;
        /** CREATE TEMP TABLE: it lasts until the migration's session ends. */
        readonly temporary?: boolean;
        /** `PARTITION BY RANGE (…)`, as written after PARTITION BY: a partitioned table. */
        readonly partitionBy?: string;
        /** `PARTITION OF parent FOR VALUES …`: a partition, its bound as written (`FOR VALUES …`, `DEFAULT`). */
        readonly partitionOf?: { readonly parent: QualifiedName; readonly bound: string };
      }
    | { readonly kind: "drop_table"; readonly table: QualifiedName; readonly cascade?: boolean }
    | { readonly kind: "rename_table"; readonly table: QualifiedName; readonly newName: string }
    | {
        readonly kind: "add_column";
        readonly table: QualifiedName;
        readonly column: ColumnSpec;
        /** SQL only: where the column's definition and its NOT NULL stand, for fixes that edit the column (one of several in a statement). */
        readonly definition?: { readonly range: Range; readonly notNull?: Range };
      }
    | { readonly kind: "drop_column"; readonly table: QualifiedName; readonly column: string }
    | {
        readonly kind: "alter_column";
        readonly table: QualifiedName;
        readonly column: string;
        readonly newName?: string;
        readonly type?: string;
        /** The new type names a class the analysis does not know (see ColumnSpec). */
        readonly typeGuessed?: true;
        /** A USING clause (SQL) or postgresql_using: the type change rewrites the data explicitly. */
        readonly using?: string;
        readonly nullable?: boolean;
        /** A new default as SQL text; null drops the default; absent leaves it. */
        readonly default?: string | null;
        /** ADD GENERATED … AS IDENTITY or SET GENERATED (`GENERATED ALWAYS AS IDENTITY`); null: DROP IDENTITY. */
        readonly identity?: string | null;
        /** What Alembic's `existing_type` / `existing_nullable` / `existing_server_default` say was there. */
        readonly existingType?: string;
        readonly existingNullable?: boolean;
      }
    | {
        readonly kind: "create_index";
        readonly name?: string;
        readonly table: QualifiedName;
        readonly columns: readonly string[];
        readonly unique: boolean;
        readonly concurrently: boolean;
        /** A partial index's WHERE, or expressions: kept only for display. */
        readonly detail?: string;
        /** The index as SQL, when every part of it is known as SQL: for DDL that re-creates it. */
        readonly definition?: IndexDefinition;
      }
    | { readonly kind: "drop_index"; readonly name: string; readonly table?: QualifiedName; readonly schema?: string; readonly concurrently: boolean }
    | {
        readonly kind: "add_constraint";
        readonly table: QualifiedName;
        readonly constraint: ConstraintSpec;
        readonly notValid: boolean;
        /** SQL `ADD CONSTRAINT` only (not a column's constraint): where the action stands, for fixes that edit it. */
        readonly definition?: { readonly range: Range };
      }
    | { readonly kind: "drop_constraint"; readonly table: QualifiedName; readonly name: string }
    | { readonly kind: "validate_constraint"; readonly table: QualifiedName; readonly name: string }
    | { readonly kind: "create_enum"; readonly type: QualifiedName; readonly values: readonly string[] }
    /** ALTER TYPE … ADD VALUE, at the end or BEFORE / AFTER a label. */
    | { readonly kind: "add_enum_value"; readonly type: QualifiedName; readonly value: string; readonly before?: string; readonly after?: string }
    | { readonly kind: "drop_type"; readonly type: QualifiedName }
    /** ALTER TYPE … RENAME TO: columns of the type keep it under its new name. */
    | { readonly kind: "rename_type"; readonly type: QualifiedName; readonly newName: string }
    /** ALTER TYPE … RENAME VALUE: the label keeps its place. */
    | { readonly kind: "rename_enum_value"; readonly type: QualifiedName; readonly value: string; readonly newValue: string }
    /** CREATE SEQUENCE (bigint unless AS says otherwise), maybe OWNED BY a column. */
    | { readonly kind: "create_sequence"; readonly sequence: QualifiedName; readonly type: string; readonly ownedBy?: ColumnName }
    /** ALTER SEQUENCE: a new type, owner (null: OWNED BY NONE) or name; other options change nothing the catalog compares. */
    | { readonly kind: "alter_sequence"; readonly sequence: QualifiedName; readonly type?: string; readonly ownedBy?: ColumnName | null; readonly newName?: string }
    | { readonly kind: "drop_sequence"; readonly sequence: QualifiedName }
    /** CREATE [OR REPLACE] FUNCTION, kept as written: an index, default or check may call it. */
    | { readonly kind: "create_function"; readonly function: QualifiedName; readonly sql: string; readonly orReplace: boolean; readonly signatureTypes?: readonly QualifiedName[] }
    /** CREATE DOMAIN, kept as written: columns may be of it. */
    | { readonly kind: "create_domain"; readonly domain: QualifiedName; readonly sql: string }
    | { readonly kind: "drop_domain"; readonly domain: QualifiedName }
    /** DROP FUNCTION: every function of that name (overloads are not told apart). */
    | { readonly kind: "drop_function"; readonly function: QualifiedName }
    /** ALTER INDEX … RENAME TO: a key backed by the index takes the new name too. */
    | { readonly kind: "rename_index"; readonly name: string; readonly schema?: string; readonly newName: string }
    /** ALTER TABLE … RENAME CONSTRAINT: a key's index takes the new name too. */
    | { readonly kind: "rename_constraint"; readonly table: QualifiedName; readonly name: string; readonly newName: string }
    | { readonly kind: "create_view"; readonly view: QualifiedName; readonly orReplace: boolean }
    | { readonly kind: "drop_view"; readonly view: QualifiedName }
    | { readonly kind: "data_change"; readonly statement: "update" | "insert" | "delete"; readonly table?: QualifiedName }
    /** A SELECT calling functions: one the migrations created may run DDL (make partitions) the analysis does not read. */
    | { readonly kind: "call"; readonly functions: readonly QualifiedName[] }
    /**
     * A statement PostgreSQL refuses inside a transaction block (VACUUM, CREATE DATABASE, REINDEX
     * CONCURRENTLY…), `command` as its error names it. It changes nothing the model follows.
     * (CREATE / DROP INDEX CONCURRENTLY are index operations with `concurrently`.)
     */
    | { readonly kind: "outside_transaction"; readonly command: string }
    /** Something that changes the schema in a way the analysis does not model (an f-string, a variable, an unsupported statement). */
    | {
        readonly kind: "unknown";
        readonly reason: string;
        /** Tables it may create, drop or rename, when it does that to a table named at run time. */
        readonly tables?: readonly UncertainTables[];
        /** CREATE / DROP EXTENSION: what the extension adds is not modelled, its name is kept. */
        readonly extension?: { readonly name: string; readonly dropped: boolean };
      }
  );

export type OperationKind = Operation["kind"];

/** An index's keys in order (columns quoted as needed, expressions, operator classes, DESC), its method and predicate, as SQL. */
export interface IndexDefinition {
  readonly keys: readonly string[];
  readonly method?: string;
  readonly where?: string;
  /** Columns its expressions and predicate read besides the plain keys: dropping one drops the index. */
  readonly reads?: readonly string[];
  /** `INCLUDE (…)`: columns stored in the index beside its keys, as written. */
  readonly include?: string;
}

/** An error found while reading a migration's operations (a bad SQL statement, say). */
export interface OperationProblem {
  readonly rule: "sql-syntax-error";
  readonly range: Range;
  readonly message: string;
  /** The statement as the database would get it, so the database's own parser can judge it. */
  readonly statement?: { readonly text: string; readonly dialect: SqlDialect };
}

/** What one direction of a migration does. `present` is false when it has no such part at all. */
export interface OperationBlock {
  readonly present: boolean;
  readonly operations: readonly Operation[];
  readonly problems: readonly OperationProblem[];
  /** The body raises (`raise NotImplementedError`): declared irreversible, not forgotten. */
  readonly raises?: boolean;
  /** Where the block is (the `def upgrade` line, the .down.sql file), for findings about the block itself. */
  readonly range?: Range;
  readonly file?: string;
  /** Alembic: the literal SQL `op.execute` runs, in order, with the operations read from it. */
  readonly executedSql?: readonly ExecutedSql[];
}

/** One `op.execute("…")` of literal SQL: what `verify` sends as written instead of its operations. */
export interface ExecutedSql {
  readonly sql: string;
  /** The call. */
  readonly range: Range;
  /** The operations read from it: `operations[first]` up to `first + count`. */
  readonly first: number;
  readonly count: number;
}

export function qualifiedKey(name: QualifiedName): string {
  return name.schema ? `${name.schema}.${name.name}` : name.name;
}
