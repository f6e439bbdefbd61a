import type { ProvidedTable } from "../schema/toolTables";
import { sqlIdentifier, sqlTableName } from "../sql/sqlIdentifier";

/**
 * The bookkeeping table each migration tool creates on PostgreSQL before it runs a migration, as
 * the tool writes it: a migration may read or change it (harbor adds a column to golang-migrate's
 * `schema_migrations`), so verify makes it first. Keyed by `ProvidedTable.by`.
 */
const TOOL_TABLES: Readonly<Record<string, (table: string) => string[]>> = {
  "golang-migrate": (t) => [`CREATE TABLE ${t} (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)`],
  dbmate: (t) => [`CREATE TABLE ${t} (version varchar(128) PRIMARY KEY)`],
  goose: (t) => [`CREATE TABLE ${t} (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NULL DEFAULT now(), PRIMARY KEY (id))`],
  "sql-migrate": (t) => [`CREATE TABLE ${t} (id text NOT NULL PRIMARY KEY, applied_at timestamp with time zone)`],
  pop: (t) => [`CREATE TABLE ${t} (version varchar(14) NOT NULL)`],
  Alembic: (t) => [`CREATE TABLE ${t} (version_num varchar(32) NOT NULL, PRIMARY KEY (version_num))`],
  "Prisma Migrate": (t) => [
    `CREATE TABLE ${t} (id varchar(36) PRIMARY KEY NOT NULL, checksum varchar(64) NOT NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count integer NOT NULL DEFAULT 0)`,
  ],
  Flyway: (t) => [
    `CREATE TABLE ${t} (installed_rank integer NOT NULL PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum integer, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), execution_time integer NOT NULL, success boolean NOT NULL)`,
  ],
};

/** The DDL that makes the tool's table, with its schema; undefined for a tool whose table is not known here. */
export function toolTableDdl(table: ProvidedTable): string[] | undefined {
  const make = TOOL_TABLES[table.by];
  if (!make) return undefined;
  const schema = table.schema && table.schema !== "public" ? [`CREATE SCHEMA IF NOT EXISTS ${sqlIdentifier(table.schema)}`] : [];
  return [...schema, ...make(sqlTableName(table.schema ? { schema: table.schema, name: table.name } : { name: table.name }))];
}
