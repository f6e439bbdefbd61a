import type { AnalyzedSet } from "../analysis/analyzedSet";
import { envVersionTables } from "../alembic/envVersionTable";
import { migrationSections } from "../sql/upDownSections";

/** A table that exists before the first migration because something other than the migrations makes it. */
export interface ProvidedTable {
  readonly name: string;
  readonly schema?: string;
  /** Who makes it: `golang-migrate`, `Flask-AppBuilder`. */
  readonly by: string;
}

/**
 * The tables the migration tool creates for its own bookkeeping before it runs any migration: a
 * migration may read or change them (golang-migrate's `schema_migrations`, Alembic's
 * `alembic_version`). Their columns are the tool's business and are not modelled.
 */
export function toolTables(set: AnalyzedSet): ProvidedTable[] {
  switch (set.spec.kind) {
    case "alembic":
      return alembicVersionTables(set);
    case "prisma":
      return [{ name: "_prisma_migrations", by: "Prisma Migrate" }];
    case "flyway":
      return [{ name: set.spec.versionTable ?? "flyway_schema_history", by: "Flyway" }];
    case "golang-migrate":
      // pop names its files like golang-migrate (its database suffix marks it); sqlx reads .up.sql too.
      return set.spec.sql?.variant
        ? [{ name: "schema_migration", by: "pop" }]
        : [
            { name: "schema_migrations", by: "golang-migrate" },
            { name: "schema_migration", by: "pop" },
            { name: "_sqlx_migrations", by: "sqlx" },
          ];
    case "sql":
      return plainFolderTables(set);
  }
}

/** `alembic_version`, or what env.py (or the ini's `version_table`) names instead. */
function alembicVersionTables(set: AnalyzedSet): ProvidedTable[] {
  const named = set.env ? envVersionTables(set.env.text) : [];
  const tables: ProvidedTable[] = named.map((t) => ({ ...t, by: "Alembic" }));
  if (set.spec.versionTable) tables.push({ name: set.spec.versionTable, by: "Alembic" });
  // Without a literal in env.py (a value computed at run time, or none), Alembic's default stays possible.
  if (named.length === 0) tables.push({ name: "alembic_version", by: "Alembic" });
  return tables;
}

/** A plain numbered folder: the tool is told by the section markers its files carry. */
function plainFolderTables(set: AnalyzedSet): ProvidedTable[] {
  let format: string | undefined;
  for (const file of set.files) if ((format ??= migrationSections(file.text).format)) break;
  if (format === "goose") return [{ name: "goose_db_version", by: "goose" }];
  if (format === "dbmate") return [{ name: "schema_migrations", by: "dbmate" }];
  if (format === "sql-migrate") return [{ name: "gorp_migrations", by: "sql-migrate" }];
  return [{ name: "_sqlx_migrations", by: "sqlx" }];
}
