import type { Range } from "../model/positions";
import type { SqlDialect } from "../schema/sqlContract";
import type { SqlMigrationSpec, SqlSetKind } from "./sqlFolders";

/** A problem in a configuration file that keeps a migration set from being read as configured. */
export interface ConfigProblem {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

/** Where one Alembic environment keeps its revision files. */
export interface MigrationSetSpec {
  readonly kind: "alembic" | SqlSetKind;
  /** The script location (the folder with env.py), or the revision folder itself when found without config. */
  readonly root: string;
  /** alembic.ini or pyproject.toml, when the set comes from one. */
  readonly configFile: string | undefined;
  /** The INI section the set was read from (`alembic` unless the file holds several). */
  readonly section: string | undefined;
  readonly versionLocations: readonly string[];
  /** Alembic's `recursive_version_locations`: revision files in subfolders count too. */
  readonly recursive: boolean;
  readonly problems: readonly ConfigProblem[];
  /** The database, when the set says: alembic.ini's sqlalchemy.url, a folder named after it. */
  readonly dialect?: SqlDialect;
  /** The tool's history table where its config names one: a `version_table` key of the alembic.ini section (env.py may pass it to configure()), Flyway's `flyway.table`. */
  readonly versionTable?: string;
  /** For a folder of SQL migrations: its migrations in the order the tool applies them. */
  readonly sql?: {
    readonly migrations: readonly SqlMigrationSpec[];
    readonly dialect?: SqlDialect;
    /** Written for a database the analysis cannot read (H2, ClickHouse…): listed, never judged. */
    readonly unsupported?: string;
    /** How that was known: the folder's name, the tool's file suffix or config, or statements only that database takes. */
    readonly unsupportedBecause?: string;
    /** A database that extends the dialect's syntax (libSQL): the dialect's parser does not judge it. */
    readonly extendedBy?: string;
    /** drizzle's journal, not the file names, orders the migrations. */
    readonly orderedByJournal?: boolean;
    /** Prisma before 7 as package.json declares it (`prisma ^6.19.3`): each migration.sql goes to PostgreSQL as one query. */
    readonly prismaBefore7?: string;
    /** The tool applies a version older than the newest applied one (Flyway's `outOfOrder`): the file that says so. */
    readonly outOfOrderAllowedBy?: string;
    /** pop's database suffix, when one folder holds a history per database. */
    readonly variant?: string;
  };
}

/** A name for a set that stays the same when the sets are found again. */
export function setKey(spec: MigrationSetSpec): string {
  return `${spec.root}\u0000${spec.section ?? ""}\u0000${spec.sql?.variant ?? ""}`;
}

/** The set as a heading names it: its folder, and which of the folder's histories (pop's `.postgres` files). */
export function setHeading(spec: MigrationSetSpec, root: string): string {
  return spec.sql?.variant ? `${root} (its .${spec.sql.variant} files)` : root;
}
