import type { Range } from "../model/positions";
import type { ConstraintKind, ForeignKeyTarget, IndexDefinition, QualifiedName } from "./operations";
import { qualifiedKey } from "./operations";
import { matchesName, type UncertainTables } from "./namePattern";
import { ForkableMap } from "./forkableMap";
import { RelationNames, type NameHolder } from "./relationNames";

/** Where an object was created, changed or dropped: which revision, which file, which statement. */
export interface Provenance {
  readonly revision: string;
  readonly file: string;
  readonly range: Range;
}

export interface ColumnState {
  name: string;
  type: string | undefined;
  /** The type names a class the analysis does not know: shown, not written as DDL. */
  typeGuessed?: boolean;
  nullable: boolean;
  default: string | undefined;
  generated: boolean;
  /** How PostgreSQL generates it, as written (identity, a stored expression). */
  generatedAs?: string;
  created: Provenance;
  changed: Provenance;
  /** Added, dropped or renamed by a conditional operation: it may or may not be there. */
  maybe?: boolean;
}

export interface IndexState {
  readonly name: string | undefined;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** Expressions or a partial index's WHERE, as written. */
  readonly detail?: string;
  /** The index as SQL, when the migration's every part of it is known as SQL. */
  readonly definition?: IndexDefinition;
  readonly created: Provenance;
  /** Created or dropped by a conditional operation. */
  readonly maybe?: boolean;
}

export interface ConstraintState {
  readonly kind: ConstraintKind;
  readonly name?: string;
  readonly columns: readonly string[];
  readonly references?: ForeignKeyTarget;
  readonly expression?: string;
  readonly deferral?: string;
  notValid: boolean;
  readonly created: Provenance;
  /** The name PostgreSQL gave an unnamed foreign key, when the analysis is sure of it. */
  readonly generatedName?: string;
  /** Added or dropped by a conditional operation, or maybe dropped under a name the analysis does not know. */
  readonly maybe?: boolean;
}

export interface TableState {
  name: QualifiedName;
  /** Column names in definition order (the map keeps insertion order); forked with the table, as tables are with the schema. */
  columns: ForkableMap<string, ColumnState>;
  indexes: IndexState[];
  constraints: ConstraintState[];
  /** `RANGE (…)`: a partitioned table, partitioned as written. */
  partitionBy?: string;
  /** A partition: its parent's key and its bound as written (`FOR VALUES …`). Dropped with its parent. */
  partitionOf?: { readonly parent: string; readonly bound: string };
  /** Declared in configuration: created outside migrations. */
  external: boolean;
  /** False when columns come from elsewhere (external, CREATE TABLE AS, LIKE, PARTITION OF): missing ones are not errors. */
  columnsKnown: boolean;
  /** Never created but used: reported once (table-not-found), then taken to exist. */
  assumed?: boolean;
  /** Created by another migration set of the workspace. */
  sibling?: boolean;
  /** Created, dropped or renamed by a conditional operation: it may or may not exist. */
  maybe?: boolean;
  /** Created outside the migrations by this tool or framework (its bookkeeping, its own tables): columns not modelled. */
  providedBy?: string;
  created: Provenance;
  changed: Provenance;
}

export interface SequenceState {
  readonly name: QualifiedName;
  /** smallint, integer or bigint. */
  readonly type: string;
  /** The column it belongs to (dropped with it): its table's key and the column's name. */
  readonly owner?: { readonly table: string; readonly column: string };
  /**
   * Made by PostgreSQL for a serial column (whose default draws from it) or an identity column:
   * the schema's DDL makes it the same way, then renames it and sets its type where they differ.
   */
  readonly implicit?: "serial" | "identity";
  readonly created: Provenance;
}

/** A function as its CREATE FUNCTION was written, and the named types its signature takes. */
export interface FunctionState {
  readonly name: QualifiedName;
  readonly sql: string;
  readonly signatureTypes?: readonly QualifiedName[];
  readonly created: Provenance;
}

export interface EnumState {
  readonly name: QualifiedName;
  values: string[];
  readonly created: Provenance;
}

/** The database as the migrations so far would leave it, with where each object came from. */
export class SchemaState {
  /** Forked, not copied, at a branch point: a history of thousands of revisions branches hundreds of times. */
  readonly tables: ForkableMap<string, TableState>;
  /** Tables dropped (or renamed away) and not created again, with where. */
  readonly dropped = new Map<string, Provenance>();
  /** For each dropped table, which creation it undid: at a merge, that creation is gone on both sides. */
  readonly droppedCreation = new Map<string, string>();
  readonly enums = new Map<string, EnumState>();
  readonly views = new Map<string, { readonly name: QualifiedName; readonly created: Provenance }>();
  /** Domains by key (as tables are keyed), each as its CREATE DOMAIN was written. */
  readonly domains = new Map<string, { readonly name: QualifiedName; readonly sql: string; readonly created: Provenance }>();
  /** Functions by key (as tables are keyed), each as its CREATE FUNCTION was written. */
  readonly functions = new Map<string, FunctionState>();
  /** Sequences by key (as tables are keyed): made by CREATE SEQUENCE, serial and identity columns. */
  readonly sequences: ForkableMap<string, SequenceState>;
  /** Extensions created (by name): what they add is not modelled, but the schema's DDL creates them. */
  readonly extensions = new Set<string>();
  /** Index name → the table it is on (index names are per schema in PostgreSQL). */
  readonly indexOwners: ForkableMap<string, string>;
  /**
   * Some history before this point could not be replayed (a down_revision naming nothing): what
   * is missing may exist after all, so nothing is reported as not found.
   */
  incomplete = false;
  /** Some earlier operation could not be read (SQL built at run time, an unmodelled statement). */
  unreadOperations = false;
  /** One of them may have created tables (`Model.__table__.create()`, `create_all()`, another module's upgrade()). */
  unreadCreates = false;
  /** Tables an operation named only at run time may have created or removed (replaced, never changed in place). */
  uncertainTables: readonly UncertainTables[] = [];

  /**
   * Tables are shared between clones (a history of thousands of revisions branches hundreds of
   * times): a state copies a table only when it first changes it.
   */
  private readonly owned = new Set<string>();
  /** The names the tables hold, kept up to date with every change of the tables. */
  private readonly names: RelationNames;

  /** An empty schema, or a fork of `from` sharing its tables, sequences and indexes. */
  constructor(from?: SchemaState) {
    this.tables = from ? from.tables.fork() : new ForkableMap();
    this.sequences = from ? from.sequences.fork() : new ForkableMap();
    this.indexOwners = from ? from.indexOwners.fork() : new ForkableMap();
    this.names = new RelationNames(from?.names);
    this.tables.watch((key) => this.names.touched(key));
  }

  table(name: QualifiedName): TableState | undefined {
    return this.tables.get(tableKey(name));
  }

  /** The table, copied first if another state may share it: the only way to change a table. */
  writable(name: QualifiedName | string): TableState | undefined {
    const key = typeof name === "string" ? name : tableKey(name);
    const table = this.tables.get(key);
    if (table) this.names.touched(key);
    if (!table || this.owned.has(key)) return table;
    const copy = cloneTable(table);
    this.tables.set(key, copy);
    this.owned.add(key);
    return copy;
  }

  /** Adds (or replaces) a table this state alone owns. */
  put(key: string, table: TableState): void {
    this.tables.set(key, table);
    this.owned.add(key);
  }

  /** Whether a table of the schema holds this name (its own, an index's or a constraint's) as one of `holders`. */
  holdsName(schema: string, name: string, holders: readonly NameHolder[]): boolean {
    return this.names.holds(this.tables, schema, name, holders);
  }

  /** An operation is done: no table handed out by `writable()` is changed further. */
  settle(): void {
    this.names.settle(this.tables);
  }

  clone(): SchemaState {
    const copy = new SchemaState(this);
    // From now on both share every table: each copies before changing one.
    this.owned.clear();
    for (const [key, value] of this.dropped) copy.dropped.set(key, value);
    for (const [key, value] of this.droppedCreation) copy.droppedCreation.set(key, value);
    for (const [key, value] of this.enums) copy.enums.set(key, { ...value, values: [...value.values] });
    for (const [key, value] of this.views) copy.views.set(key, value);
    for (const [key, value] of this.functions) copy.functions.set(key, value);
    for (const [key, value] of this.domains) copy.domains.set(key, value);
    for (const name of this.extensions) copy.extensions.add(name);
    copy.incomplete = this.incomplete;
    copy.unreadOperations = this.unreadOperations;
    copy.unreadCreates = this.unreadCreates;
    copy.uncertainTables = this.uncertainTables;
    return copy;
  }

  /**
   * The schema after a merge: both sides' tables and columns, except what one side dropped of
   * what the other side only carried along (`ran` says which revisions each side ran).
   */
  mergeFrom(other: SchemaState, ran?: { readonly mine: (revision: string) => boolean; readonly theirs: (revision: string) => boolean }): void {
    // Entries the two share since their branch point are the same: only those either side changed are compared.
    for (const [key, table] of other.tables.entriesUnlike(this.tables)) {
      const mine = this.tables.get(key);
      // Shared since the branch point and changed by neither side: nothing to merge.
      if (mine === table) continue;
      if (this.droppedCreation.has(key) && this.droppedCreation.get(key) === creationOf(table)) continue;
      if (!mine) this.tables.set(key, table);
      else {
        // A column one side carried along unchanged (it ran the column's creation and last change) and
        // the other no longer has: the other side dropped it, and the merge does not bring it back.
        const carried = (column: ColumnState, side: ((revision: string) => boolean) | undefined): boolean =>
          side !== undefined && side(column.created.revision) && side(column.changed.revision);
        // Columns both tables share since the branch point are the same: only those either changed are compared.
        const added = table.columns.entriesUnlike(mine.columns).filter(([name, column]) => !mine.columns.has(name) && !carried(column, ran?.mine));
        const droppedThere = mine.columns.entriesUnlike(table.columns).filter(([name, column]) => !table.columns.has(name) && carried(column, ran?.theirs));
        if (added.length > 0 || droppedThere.length > 0) {
          const writable = this.writable(key)!;
          for (const [name, column] of added) writable.columns.set(name, column);
          for (const [name] of droppedThere) writable.columns.delete(name);
        }
      }
      this.dropped.delete(key);
      this.droppedCreation.delete(key);
    }
    for (const [key, creation] of other.droppedCreation) {
      const mine = this.tables.get(key);
      if (mine && creationOf(mine) === creation) {
        this.tables.delete(key);
        this.dropped.set(key, other.dropped.get(key)!);
        this.droppedCreation.set(key, creation);
      }
    }
    for (const [key, value] of other.dropped) {
      if (this.tables.has(key) || this.dropped.has(key)) continue;
      this.dropped.set(key, value);
      const creation = other.droppedCreation.get(key);
      if (creation !== undefined) this.droppedCreation.set(key, creation);
    }
    for (const [key, value] of other.enums) if (!this.enums.has(key)) this.enums.set(key, { ...value, values: [...value.values] });
    for (const [key, value] of other.views) if (!this.views.has(key)) this.views.set(key, value);
    for (const [key, value] of other.sequences.entriesUnlike(this.sequences)) if (!this.sequences.has(key)) this.sequences.set(key, value);
    for (const [key, value] of other.functions) if (!this.functions.has(key)) this.functions.set(key, value);
    for (const [key, value] of other.domains) if (!this.domains.has(key)) this.domains.set(key, value);
    for (const [key, value] of other.indexOwners.entriesUnlike(this.indexOwners)) if (!this.indexOwners.has(key)) this.indexOwners.set(key, value);
    for (const name of other.extensions) this.extensions.add(name);
    this.incomplete ||= other.incomplete;
    this.unreadOperations ||= other.unreadOperations;
    this.unreadCreates ||= other.unreadCreates;
    this.addUncertainTables(other.uncertainTables);
  }

  addUncertainTables(tables: readonly UncertainTables[]): void {
    const known = new Set(this.uncertainTables.map((t) => JSON.stringify(t)));
    const added = tables.filter((t) => !known.has(JSON.stringify(t)));
    if (added.length > 0) this.uncertainTables = [...this.uncertainTables, ...added];
  }

  /** Whether an operation on a table named at run time may have left this table created, or removed. */
  mayHaveBeen(may: UncertainTables["may"], name: QualifiedName): boolean {
    return this.uncertainTables.some((t) => t.may === may && matchesName(t.name, name.name));
  }
}

/** Column and constraint objects are never changed in place (they are replaced), so a copy shares them. */
function cloneTable(table: TableState): TableState {
  return { ...table, columns: table.columns.fork(), indexes: [...table.indexes], constraints: [...table.constraints] };
}

/** Tables without a schema live in the default one: `public.users` and `users` are one table. */
export function tableKey(name: QualifiedName): string {
  return name.schema && name.schema !== "public" ? qualifiedKey(name) : name.name;
}

export function displayName(name: QualifiedName): string {
  return name.schema && name.schema !== "public" ? `${name.schema}.${name.name}` : name.name;
}

/** Identifies one CREATE of a table, whatever happened to the table after it. */
export function creationOf(table: TableState): string {
  return `${table.created.file}\u0000${table.created.range.start.line}:${table.created.range.start.character}`;
}
