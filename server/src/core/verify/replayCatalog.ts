import type { QualifiedName } from "../schema/operations";
import type { DdlStatement } from "../schema/renderDdl";
import { sqlString } from "../schema/ddlClauses";
import { sqlIdentifier } from "../sql/sqlIdentifier";
import { compareCatalogs, readCatalog, SET_ASIDE_SCHEMA, type Catalog, type CatalogDifference, type CatalogEntry } from "./catalog";
import { databaseError, EMPTY_DATABASE, type VerifyDatabase } from "./database";

/** A table with its indexes and foreign keys, or a type: what one part of the catalog comes from. */
interface Unit {
  readonly kind: "table" | "type";
  /** `schema.name`, as the catalog names it. */
  readonly name: string;
  readonly object: QualifiedName;
  readonly statements: DdlStatement[];
}

/** What loading a unit's DDL gave: its catalog entries, and the statements PostgreSQL rejected. */
interface Loaded {
  readonly entries: CatalogEntry[];
  readonly rejected: CatalogDifference[];
}

/** A load's catalog, and what PostgreSQL rejected by the unit that owns the statement. */
interface LoadResult {
  readonly catalog: Catalog;
  readonly rejected: ReadonlyMap<string, CatalogDifference[]>;
}

// A rejected schema or extension statement belongs to every unit loaded with it.
const EVERY_UNIT = "";

/**
 * The replay's catalog as PostgreSQL spells it: the replay's DDL loaded inside a transaction that
 * is rolled back after reading the catalog, so the database the migrations ran on serves both.
 * Each table (with its indexes and foreign keys) and each type is loaded once per distinct DDL
 * and what it gave is kept: a revision loads only what its migration changed. Where units loaded
 * apart would name a relation or type alike (PostgreSQL picks `_seq1`, or rejects a duplicate,
 * only when they load together), the revision's whole DDL is loaded instead.
 */
export class ReplayCatalog {
  private readonly loaded = new Map<string, Loaded>();

  constructor(private readonly database: VerifyDatabase) {}

  /** How PostgreSQL's catalog after the migrations differs from the replay's DDL loaded on its own. */
  async differences(migrated: Catalog, statements: readonly DdlStatement[]): Promise<CatalogDifference[]> {
    const units = unitsOf(statements);
    const keyed = [...units.values()].map((unit) => ({ unit, key: keyOf(unit, statements, units) }));
    const missing = keyed.filter(({ key }) => !this.loaded.has(key));
    if (missing.length > 0) await this.loadUnits(missing, statements, units);
    const replay = new Map<string, CatalogEntry>();
    const rejected: CatalogDifference[] = [];
    const names = new Set<string>();
    for (const { key } of keyed) {
      const result = this.loaded.get(key) as Loaded;
      for (const entry of result.entries) {
        for (const name of namespaceKeys(entry)) {
          if (names.has(name)) return this.whole(migrated, statements, units);
          names.add(name);
        }
        replay.set(`${entry.kind} ${entry.name}`, entry);
      }
      rejected.push(...result.rejected);
    }
    return [...rejected, ...compareCatalogs(migrated, replay)];
  }

  /** The revision's whole DDL loaded at once (not kept: it is needed only where names collide). */
  private async whole(migrated: Catalog, statements: readonly DdlStatement[], units: ReadonlyMap<string, Unit>): Promise<CatalogDifference[]> {
    const { catalog, rejected } = await this.load(statements, ownersOf([...units.values()], statements));
    return [...[...rejected.values()].flat(), ...compareCatalogs(migrated, catalog)];
  }

  private async loadUnits(missing: readonly { unit: Unit; key: string }[], statements: readonly DdlStatement[], units: ReadonlyMap<string, Unit>): Promise<void> {
    const needed = new Set<DdlStatement>(statements.filter(environmental));
    for (const { unit } of missing) for (const statement of [...unit.statements, ...dependencies(unit, statements, units)]) needed.add(statement);
    const { catalog, rejected } = await this.load(
      statements.filter((s) => needed.has(s)),
      ownersOf(missing.map(({ unit }) => unit), statements),
    );
    const entries = new Map<string, CatalogEntry[]>();
    for (const entry of catalog.values()) {
      // Tables and types are their own; a sequence no column owns is too.
      const name = entry.kind === "table" || entry.kind === "enum" || (entry.kind === "sequence" && entry.table === undefined) ? entry.name : entry.table;
      if (name !== undefined) entries.set(name, [...(entries.get(name) ?? []), entry]);
    }
    const everyUnit = rejected.get(EVERY_UNIT) ?? [];
    for (const { unit, key } of missing) this.loaded.set(key, { entries: entries.get(unit.name) ?? [], rejected: [...everyUnit, ...(rejected.get(unit.name) ?? [])] });
  }

  /**
   * Loads the statements in a transaction beside the migrations' schemas set aside, reads the
   * catalog, and rolls back. A rejected statement is a difference of its owner's; one loaded only
   * because another needs it (no owner) is reported by its own object, when that is loaded.
   */
  private async load(ordered: readonly DdlStatement[], owner: ReadonlyMap<DdlStatement, string>): Promise<LoadResult> {
    const rejected = new Map<string, CatalogDifference[]>();
    const database = this.database;
    await database.exec("BEGIN");
    try {
      // A migration may have changed the search path (pg_dump's empty one): the replay's DDL reads as on a new session.
      await database.exec("SET LOCAL search_path TO DEFAULT");
      // A function's body may name tables this load leaves out (pg_dump does the same).
      await database.exec("SET LOCAL check_function_bodies = off");
      await setAside(database, ordered);
      // All at once when PostgreSQL takes it (one round trip); statement by statement to find what it rejects.
      await database.exec("SAVEPOINT whole");
      try {
        await database.exec(ordered.map((s) => `${s.sql};`).join("\n"));
        await database.exec("RELEASE SAVEPOINT whole");
      } catch {
        await database.exec("ROLLBACK TO SAVEPOINT whole");
        for (const statement of ordered) {
          await database.exec("SAVEPOINT ddl");
          try {
            await database.exec(statement.sql);
            await database.exec("RELEASE SAVEPOINT ddl");
          } catch (thrown) {
            await database.exec("ROLLBACK TO SAVEPOINT ddl");
            const name = owner.get(statement);
            if (name === undefined) continue;
            const difference = { key: `ddl ${statement.sql}`, kind: "table" as const, name: statement.sql, replay: `rejected: ${databaseError(thrown).message}` };
            rejected.set(name, [...(rejected.get(name) ?? []), difference]);
          }
        }
      }
      return { catalog: await readCatalog(database), rejected };
    } finally {
      await database.exec("ROLLBACK");
    }
  }
}

/**
 * Sets the migrations' schemas aside (renamed, with everything in them) and puts empty ones in
 * their place, so the statements load as written beside nothing of the same name. Renaming a
 * schema is one catalog row, however much it holds. An extension installed in a schema set aside
 * goes back to the schema's name (the replay's DDL names its types and operator classes there),
 * or, where it cannot move, is dropped for the replay's CREATE EXTENSION to install again. Where
 * the user may not rename (a server's public schema owned by someone else), the schemas are
 * emptied instead. The transaction is rolled back either way.
 */
async function setAside(database: VerifyDatabase, statements: readonly DdlStatement[]): Promise<void> {
  const schemas = [...new Set(["public", ...statements.flatMap((s) => (s.object ? [s.object.schema ?? "public"] : []))])];
  // Only where the replay installs extensions (the query costs a few milliseconds in a DO block).
  const extensions = statements.some((s) => s.kind === "extension")
    ? `FOR e IN SELECT x.extname, x.extrelocatable, n.nspname FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE n.nspname = ANY (aside) LOOP
          IF e.extrelocatable THEN
            EXECUTE format('ALTER EXTENSION %I SET SCHEMA %I', e.extname, schemas[array_position(aside, e.nspname::text)]);
          ELSE
            EXECUTE format('DROP EXTENSION %I CASCADE', e.extname);
          END IF;
        END LOOP;`
    : "";
  await database.exec("SAVEPOINT aside");
  try {
    await database.exec(`DO $$ DECLARE schemas text[] := ARRAY[${schemas.map(sqlString).join(", ")}]; aside text[] := '{}'; e record; BEGIN
      FOR i IN 1 .. array_length(schemas, 1) LOOP
        aside := aside || (${sqlString(SET_ASIDE_SCHEMA)} || i);
        IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = schemas[i]) THEN
          EXECUTE format('ALTER SCHEMA %I RENAME TO %I', schemas[i], aside[i]);
        END IF;
        EXECUTE format('CREATE SCHEMA %I', schemas[i]);
      END LOOP;
      ${extensions}
    END $$`);
    await database.exec("RELEASE SAVEPOINT aside");
  } catch {
    await database.exec("ROLLBACK TO SAVEPOINT aside");
    await database.exec(EMPTY_DATABASE);
  }
}

function environmental(statement: DdlStatement): boolean {
  return statement.kind === "schema" || statement.kind === "extension";
}

/** Who reports a rejected statement: its unit, or every unit for a schema or extension. */
function ownersOf(units: readonly Unit[], statements: readonly DdlStatement[]): Map<DdlStatement, string> {
  const owners = new Map<DdlStatement, string>(statements.filter(environmental).map((s) => [s, EVERY_UNIT]));
  for (const unit of units) for (const statement of unit.statements) owners.set(statement, unit.name);
  return owners;
}

/**
 * The names an entry takes in a schema's namespaces: relations (tables, indexes, sequences) and
 * types (enums, and each table's row type). Two units taking one name do not load alike together.
 */
function namespaceKeys(entry: CatalogEntry): string[] {
  switch (entry.kind) {
    case "table":
      return [`relation ${entry.name}`, `type ${entry.name}`];
    case "index":
    case "sequence":
      return [`relation ${entry.name}`];
    case "enum":
      return [`type ${entry.name}`];
    default:
      return [];
  }
}

function catalogName(name: QualifiedName): string {
  return `${name.schema ?? "public"}.${name.name}`;
}

function unitsOf(statements: readonly DdlStatement[]): Map<string, Unit> {
  const units = new Map<string, Unit>();
  for (const statement of statements) {
    if (!statement.object) continue;
    const kind = statement.kind === "type" ? "type" : "table";
    const name = catalogName(statement.object);
    const id = `${kind} ${name}`;
    const unit = units.get(id) ?? { kind, name, object: statement.object, statements: [] };
    unit.statements.push(statement);
    units.set(id, unit);
  }
  return units;
}

/**
 * What a unit's DDL needs loaded first, and what else its catalog entries depend on: the tables
 * its foreign keys reference (with their indexes: the key needs a unique one), and the types and
 * sequences its text may name. Schemas and extensions come always.
 */
function dependencies(unit: Unit, statements: readonly DdlStatement[], units: ReadonlyMap<string, Unit>): DdlStatement[] {
  const referenced = unit.statements.flatMap((s) => [...(s.references ? [s.references] : []), ...(s.needs ?? [])].map((name) => units.get(`table ${catalogName(name)}`)));
  const tables = referenced.flatMap((table) => (table && table !== unit ? table.statements.filter((s) => s.kind !== "foreign key") : []));
  const text = [...unit.statements, ...tables].map((s) => s.sql).join("\n");
  const folded = text.toLowerCase();
  const types = statements.filter((s) => s.kind === "type" && s.object && names(text, folded, s.object.name));
  // A default may draw from a sequence another table owns (or none does); an index or check may call
  // a function, and that function others (a SQL-standard body is checked as it is created).
  const defined = new Set<DdlStatement>();
  const candidates = statements.filter((s) => s.defines && !unit.statements.includes(s));
  for (let reading = [text], next: string[] = []; reading.length > 0; reading = next, next = []) {
    for (const read of reading) {
      const lower = read.toLowerCase();
      for (const s of candidates) {
        if (defined.has(s) || !names(read, lower, (s.defines as QualifiedName).name)) continue;
        defined.add(s);
        next.push(s.sql);
      }
    }
  }
  return [...types, ...defined, ...tables];
}

/**
 * Whether DDL text may name a type or sequence, qualified or not: a name PostgreSQL folds to (lower case) may
 * be written in any case, quoted or bare; any other is written quoted, as it is. A word merely
 * containing the name costs a reload, never a miss.
 */
function names(text: string, folded: string, name: string): boolean {
  return name === name.toLowerCase() ? folded.includes(name) : text.includes(sqlIdentifier(name));
}

/** A unit's DDL with everything its catalog entries depend on: equal keys load the same. */
function keyOf(unit: Unit, statements: readonly DdlStatement[], units: ReadonlyMap<string, Unit>): string {
  const environment = statements.filter(environmental);
  return [`${unit.kind} ${unit.name}`, ...[...environment, ...unit.statements, ...(unit.kind === "table" ? dependencies(unit, statements, units) : [])].map((s) => s.sql)].join(";\n");
}
