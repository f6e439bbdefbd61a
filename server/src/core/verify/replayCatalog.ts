import type { QualifiedName } from "../schema/operations";
import type { DdlStatement } from "../schema/renderDdl";
import { sqlString } from "../schema/ddlClauses";
import { sqlTableName } from "../sql/sqlIdentifier";
import { compareCatalogs, readCatalog, SET_ASIDE_SCHEMA, type Catalog, type CatalogDifference, type CatalogEntry } from "./catalog";
import { databaseError, EMPTY_DATABASE, type VerifyDatabase } from "./database";

const PUBLIC_ASIDE = `${SET_ASIDE_SCHEMA}public`;

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

/**
 * The replay's catalog as PostgreSQL spells it: the replay's DDL loaded inside a transaction that
 * is rolled back after reading the catalog, so the database the migrations ran on serves both.
 * Each table (with its indexes and foreign keys) and each type is loaded once per distinct DDL
 * and what it gave is kept: a revision loads only what its migration changed.
 */
export class ReplayCatalog {
  private readonly loaded = new Map<string, Loaded>();

  private constructor(private readonly database: VerifyDatabase) {}

  /**
   * The search path ends with the public schema's set-aside name for the session: in the
   * transaction, the replay's DDL finds what extensions installed there; outside it, no schema
   * has that name. Set once, it keeps prepared catalog queries planned (a new path replans them).
   */
  static async open(database: VerifyDatabase): Promise<ReplayCatalog> {
    await database.exec(`SELECT set_config('search_path', current_setting('search_path') || ', ${PUBLIC_ASIDE}', false)`);
    return new ReplayCatalog(database);
  }

  /** How PostgreSQL's catalog after the migrations differs from the replay's DDL loaded on its own. */
  async differences(migrated: Catalog, statements: readonly DdlStatement[]): Promise<CatalogDifference[]> {
    const units = unitsOf(statements);
    const keyed = [...units.values()].map((unit) => ({ unit, key: keyOf(unit, statements, units) }));
    const missing = keyed.filter(({ key }) => !this.loaded.has(key));
    if (missing.length > 0) await this.load(missing, statements, units);
    const replay = new Map<string, CatalogEntry>();
    const rejected: CatalogDifference[] = [];
    for (const { key } of keyed) {
      const result = this.loaded.get(key) as Loaded;
      for (const entry of result.entries) replay.set(`${entry.kind} ${entry.name}`, entry);
      rejected.push(...result.rejected);
    }
    return [...rejected, ...compareCatalogs(migrated, replay)];
  }

  private async load(missing: readonly { unit: Unit; key: string }[], statements: readonly DdlStatement[], units: ReadonlyMap<string, Unit>): Promise<void> {
    const needed = new Set<DdlStatement>(statements.filter((s) => s.kind === "schema" || s.kind === "extension"));
    for (const { unit } of missing) for (const statement of [...unit.statements, ...dependencies(unit, statements, units)]) needed.add(statement);
    const ordered = statements.filter((s) => needed.has(s));
    const owner = new Map<DdlStatement, string>(missing.flatMap(({ unit }) => unit.statements.map((s) => [s, unit.name] as const)));
    const rejected = new Map<string, CatalogDifference[]>();
    const database = this.database;
    await database.exec("BEGIN");
    try {
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
            // A statement loaded only because another needs it is reported by its own object.
            if (name === undefined) continue;
            const difference = { key: `ddl ${statement.sql}`, kind: "table" as const, name: statement.sql, replay: `rejected: ${databaseError(thrown).message}` };
            rejected.set(name, [...(rejected.get(name) ?? []), difference]);
          }
        }
      }
      const catalog = await readCatalog(database);
      const entries = new Map<string, CatalogEntry[]>();
      for (const entry of catalog.values()) {
        const name = entry.kind === "table" || entry.kind === "enum" ? entry.name : entry.table;
        if (name !== undefined) entries.set(name, [...(entries.get(name) ?? []), entry]);
      }
      for (const { unit, key } of missing) this.loaded.set(key, { entries: entries.get(unit.name) ?? [], rejected: rejected.get(unit.name) ?? [] });
    } finally {
      await database.exec("ROLLBACK");
    }
  }
}

/**
 * Sets the migrations' schemas aside (renamed, with everything in them) and puts empty ones in
 * their place, so the statements load as written beside nothing of the same name; the search path
 * still finds what extensions installed in public (an operator class, a type). Renaming a schema is
 * one catalog row, however much it holds. Where the user may not rename (a server's public schema
 * owned by someone else), they are emptied instead. The transaction is rolled back either way.
 */
async function setAside(database: VerifyDatabase, statements: readonly DdlStatement[]): Promise<void> {
  const schemas = [...new Set(["public", ...statements.flatMap((s) => (s.object ? [s.object.schema ?? "public"] : []))])];
  await database.exec("SAVEPOINT aside");
  try {
    await database.exec(`DO $$ DECLARE s text; i int := 0; BEGIN
      FOREACH s IN ARRAY ARRAY[${schemas.map(sqlString).join(", ")}] LOOP
        IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = s) THEN
          EXECUTE format('ALTER SCHEMA %I RENAME TO %I', s, CASE s WHEN 'public' THEN '${PUBLIC_ASIDE}' ELSE ${sqlString(SET_ASIDE_SCHEMA)} || i END);
          i := i + 1;
        END IF;
        EXECUTE format('CREATE SCHEMA %I', s);
      END LOOP;
    END $$`);
    await database.exec("RELEASE SAVEPOINT aside");
  } catch {
    await database.exec("ROLLBACK TO SAVEPOINT aside");
    await database.exec(EMPTY_DATABASE);
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
 * its foreign keys reference (with their indexes: the key needs a unique one), and the types its
 * text names (a name merely mentioned only costs a reload). Schemas and extensions come always.
 */
function dependencies(unit: Unit, statements: readonly DdlStatement[], units: ReadonlyMap<string, Unit>): DdlStatement[] {
  const referenced = unit.statements.flatMap((s) => (s.references ? [units.get(`table ${catalogName(s.references)}`)] : []));
  const tables = referenced.flatMap((table) => (table && table !== unit ? table.statements.filter((s) => s.kind !== "foreign key") : []));
  const text = [...unit.statements, ...tables].map((s) => s.sql).join("\n");
  // A type is named quoted or bare, as its CREATE TYPE names it; a word merely containing it costs a reload.
  const types = statements.filter((s) => s.kind === "type" && s.object && text.includes(sqlTableName(s.object)));
  return [...types, ...tables];
}

/** A unit's DDL with everything its catalog entries depend on: equal keys load the same. */
function keyOf(unit: Unit, statements: readonly DdlStatement[], units: ReadonlyMap<string, Unit>): string {
  const environment = statements.filter((s) => s.kind === "schema" || s.kind === "extension");
  return [`${unit.kind} ${unit.name}`, ...[...environment, ...unit.statements, ...(unit.kind === "table" ? dependencies(unit, statements, units) : [])].map((s) => s.sql)].join(";\n");
}
