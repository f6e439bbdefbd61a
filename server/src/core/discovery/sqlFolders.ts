import * as path from "node:path";
import { parse as parseToml } from "smol-toml";
import type { DirectoryEntry, FileHost } from "../host";
import type { SqlDialect } from "../schema/sqlContract";
import { dialectMarker } from "../sql/dialectMarkers";
import { readScriptConfig, type FlywayScriptConfig } from "./flywayConfig";
import { prismaBefore7 } from "./prismaVersion";

/**
 * Folders of SQL migrations, as the tools that run them find and order them: Prisma Migrate,
 * Flyway, golang-migrate (and pop, which names files the same way with a dialect suffix), and
 * plain folders of numbered .sql files. Pure functions over the FileHost.
 */
export type SqlSetKind = "prisma" | "flyway" | "golang-migrate" | "sql";

export interface SqlMigrationSpec {
  /** The version as the tool names it: Prisma's folder name, Flyway's version (`1.1`, or `R__desc` for a repeatable), the number prefix. */
  readonly id: string;
  /** The description part of the name. */
  readonly name: string;
  /** The version part of the name (Prisma's timestamp, Flyway's `1.1`, the number prefix); none for a Flyway repeatable. */
  readonly version?: string;
  /** The file that upgrades (Prisma's `migration.sql`, a `.up.sql`, a Flyway `V…`). */
  readonly file: string;
  /** The file that undoes it: golang-migrate `.down.sql`, Flyway `U…`. */
  readonly downFile?: string;
  /** Flyway's script configuration file beside it (`V2__x.sql.conf`). */
  readonly scriptConfig?: FlywayScriptConfig;
}

export interface SqlSetSpec {
  readonly kind: SqlSetKind;
  /** The folder the migrations are found in (for Prisma, the `migrations` folder). */
  readonly root: string;
  /** From Prisma's migration_lock.toml, a pop file suffix, or a folder named after the database (`migrations/postgres`). */
  readonly dialect?: SqlDialect;
  /** pop's file suffix (`postgres`, `cockroach`, `mysql`, `sqlite3`) when one folder holds a history per database. */
  readonly variant?: string;
  /** The tool's configuration names a database the analysis cannot read (Prisma's `sqlserver`). */
  readonly otherDatabase?: { readonly database: string; readonly because: string };
  /** A database that extends the dialect's syntax (libSQL's ALTER COLUMN): the dialect's own parser cannot reject its statements. */
  readonly extendedBy?: string;
  /** drizzle's `meta/_journal.json` lists the migrations: drizzle applies them by its entries, not by file name. */
  readonly orderedByJournal?: boolean;
  /** Prisma as package.json declares it (`prisma ^6.19.3`), when that is before Prisma 7: it sends each migration.sql as one query. */
  readonly prismaBefore7?: string;
  /** In the order the tool applies them. */
  readonly migrations: readonly SqlMigrationSpec[];
}

/** Folders whose numbered .sql files are data or queries, not migrations. */
const NOT_MIGRATION_FOLDERS = new Set(["seed", "seeds", "seeders", "seeding", "fixtures", "testdata", "dump", "dumps", "backup", "backups", "queries", "query"]);
/** Flyway's default location names: versioned files may sit in subfolders below them. */
const FLYWAY_LOCATIONS = new Set(["migration", "migrations"]);
const MAX_FLYWAY_DEPTH = 8;

/**
 * A cheap first look at a folder's listing, before detectSqlMigrationSets reads further: a Prisma
 * lock file, Flyway or golang-migrate file names, numbered .sql files, or subfolders under a
 * folder named `migrations` / `migration` (Prisma's migration folders, Flyway's nested versions).
 */
export function isSqlMigrationFolderCandidate(folderName: string, entries: readonly DirectoryEntry[]): boolean {
  if (entries.some((e) => !e.isDirectory && e.name === "migration_lock.toml")) return true;
  if (folderName === "migrations" && entries.some((e) => e.isDirectory)) return true;
  if (FLYWAY_LOCATIONS.has(folderName) && entries.some((e) => e.isDirectory)) return true;
  const files = entries.filter((e) => !e.isDirectory).map((e) => e.name);
  return files.some((f) => flywayFile(f) !== undefined || goMigrateFile(f) !== undefined) || plainNumberedFiles(folderName, files).length > 0;
}

/**
 * The migration sets rooted at `folder` (usually one; pop's per-dialect files make several).
 * Subfolders of a root belong to it: callers should not look for other sets inside a root that
 * returned a set.
 */
export function detectSqlMigrationSets(host: FileHost, folder: string): SqlSetSpec[] {
  const entries = host.readDirectory(folder);
  if (!entries) return [];
  const prisma = prismaSet(host, folder, entries);
  if (prisma) return [prisma];
  const flyway = flywaySet(host, folder, entries);
  if (flyway) return [flyway];
  const files = entries.filter((e) => !e.isDirectory).map((e) => e.name);
  const goMigrate = goMigrateSets(host, folder, files);
  if (goMigrate.length > 0) return goMigrate;
  const plain = plainNumberedFiles(path.basename(folder), files);
  if (plain.length === 0) return [];
  const migrations = plain
    .map((f) => ({ ...f, file: path.join(folder, f.fileName) }))
    .sort((a, b) => compareDigits(a.number, b.number) || compareText(a.fileName, b.fileName))
    .map(({ number, name, file }) => ({ id: number, name, version: number, file }));
  const drizzle = drizzleDialect(host, folder);
  const other = drizzle !== undefined && dialectNamed(drizzle) === undefined && DRIZZLE_SQLITE !== drizzle ? { otherDatabase: { database: drizzle, because: `drizzle's meta/_journal.json names dialect "${drizzle}"` } } : {};
  const dialect = drizzle === DRIZZLE_SQLITE ? "sqlite" : drizzle !== undefined ? dialectNamed(drizzle) : undefined;
  const journal = host.readFile(path.join(folder, "meta", "_journal.json")) !== undefined ? { orderedByJournal: true } : {};
  // drizzle writes libSQL's own statements (ALTER COLUMN … TO) for Turso, under either name.
  const extended = dialect === "sqlite" && drizzle !== undefined ? { extendedBy: "libSQL (drizzle's SQLite migrations may be for Turso)" } : {};
  return [withDialect(host, { kind: "sql", root: folder, migrations, ...other, ...journal, ...extended }, dialect ?? folderDialect(folder))];
}

/** Turso's libSQL, which drizzle names apart, is SQLite's SQL. */
const DRIZZLE_SQLITE = "turso";

/** The dialect drizzle-kit wrote into the folder's `meta/_journal.json`, beside the migrations it generated. */
function drizzleDialect(host: FileHost, folder: string): string | undefined {
  const text = host.readFile(path.join(folder, "meta", "_journal.json"));
  if (text === undefined) return undefined;
  try {
    const dialect = (JSON.parse(text) as { dialect?: unknown }).dialect;
    return typeof dialect === "string" ? dialect : undefined;
  } catch {
    return undefined;
  }
}

// ---- Prisma: <migrations>/<name>/migration.sql, applied in folder-name order --------------------

function prismaSet(host: FileHost, folder: string, entries: readonly DirectoryEntry[]): SqlSetSpec | undefined {
  const migrations = entries
    .filter((e) => e.isDirectory && (host.readDirectory(path.join(folder, e.name)) ?? []).some((f) => !f.isDirectory && f.name === "migration.sql"))
    .map((e) => e.name)
    .sort(compareText)
    .map((name) => ({ id: name, name: afterFirst(name, "_"), version: prismaVersion(name), file: path.join(folder, name, "migration.sql") }));
  if (migrations.length === 0) return undefined;
  const lock = entries.some((e) => !e.isDirectory && e.name === "migration_lock.toml") ? host.readFile(path.join(folder, "migration_lock.toml")) : undefined;
  const provider = lock !== undefined ? prismaProvider(lock) : undefined;
  const other = provider !== undefined ? PRISMA_OTHER_PROVIDERS[provider] : undefined;
  const declared = prismaBefore7(host, folder);
  const spec = {
    kind: "prisma" as const,
    root: folder,
    migrations,
    ...(other ? { otherDatabase: { database: other, because: `migration_lock.toml names provider "${provider}"` } } : {}),
    ...(declared ? { prismaBefore7: declared } : {}),
  };
  return withDialect(host, spec, (provider !== undefined ? dialectNamed(provider) : undefined) ?? folderDialect(folder));
}

/** Prisma providers whose SQL the analysis does not read (CockroachDB's is close to PostgreSQL's, but not it). */
const PRISMA_OTHER_PROVIDERS: Readonly<Record<string, string>> = { sqlserver: "SQL Server", cockroachdb: "CockroachDB" };

function prismaProvider(text: string): string | undefined {
  try {
    const provider = parseToml(text)["provider"];
    return typeof provider === "string" ? provider : undefined;
  } catch {
    return undefined;
  }
}

// ---- Flyway: V<version>__<desc>.sql, U<version>__<desc>.sql (undo), R__<desc>.sql (repeatable) ---

interface FlywayFile {
  readonly prefix: "V" | "U" | "R" | "B";
  /** Version parts as digit strings (`1_1` and `1.1` are both ["1", "1"]); empty for R. */
  readonly version: readonly string[];
  readonly description: string;
}

function flywayFile(name: string): FlywayFile | undefined {
  const prefix = name[0];
  if ((prefix !== "V" && prefix !== "U" && prefix !== "R" && prefix !== "B") || !name.endsWith(".sql")) return undefined;
  const separator = name.indexOf("__");
  if (separator < 1) return undefined;
  const versionText = name.slice(1, separator);
  const description = name.slice(separator + 2, -".sql".length).split("_").join(" ");
  if (prefix === "R") return versionText === "" ? { prefix, version: [], description } : undefined;
  const version = versionText.split(/[._]/);
  return version.every((part) => part !== "" && isDigits(part)) ? { prefix, version, description } : undefined;
}

function flywaySet(host: FileHost, folder: string, entries: readonly DirectoryEntry[]): SqlSetSpec | undefined {
  const found: { file: string; spec: FlywayFile }[] = [];
  const configs = new Set<string>();
  const visit = (dir: string, list: readonly DirectoryEntry[], depth: number): void => {
    for (const entry of list) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory) {
        // Subfolders named after a database (db/migration/MYSQL, …/postgresql) are locations of their own.
        const nested = FLYWAY_LOCATIONS.has(path.basename(folder)) && !entry.name.startsWith(".") && !isDatabaseName(entry.name);
        if (depth < MAX_FLYWAY_DEPTH && nested) visit(full, host.readDirectory(full) ?? [], depth + 1);
      } else {
        const spec = flywayFile(entry.name);
        if (spec) found.push({ file: full, spec });
        if (entry.name.endsWith(".sql.conf")) configs.add(full);
      }
    }
  };
  visit(folder, entries, 0);
  // A baseline migration (B<version>) stands for every versioned one up to its version on a fresh
  // database: Flyway runs the latest baseline, then the versions after it.
  const baseline = found
    .filter((f) => f.spec.prefix === "B")
    .sort((a, b) => compareVersions(a.spec.version, b.spec.version))
    .pop();
  const after = (f: { spec: FlywayFile }): boolean => !baseline || compareVersions(f.spec.version, baseline.spec.version) > 0;
  const versioned = [...(baseline ? [baseline] : []), ...found.filter((f) => f.spec.prefix === "V" && after(f))].sort(
    (a, b) => compareVersions(a.spec.version, b.spec.version) || compareText(a.file, b.file),
  );
  if (versioned.length === 0) return undefined;

  const undo = new Map(found.filter((f) => f.spec.prefix === "U").map((f) => [versionKey(f.spec.version), f.file]));
  const migrations: SqlMigrationSpec[] = versioned.map(({ file, spec }) => {
    const downFile = undo.get(versionKey(spec.version));
    const configText = configs.has(`${file}.conf`) ? host.readFile(`${file}.conf`) : undefined;
    const scriptConfig = configText !== undefined ? { scriptConfig: readScriptConfig(`${file}.conf`, configText) } : {};
    return { id: spec.version.join("."), name: spec.description, version: spec.version.join("."), file, ...(downFile ? { downFile } : {}), ...scriptConfig };
  });
  // Repeatables run after the versioned ones, ordered by description.
  const repeatable = found.filter((f) => f.spec.prefix === "R").sort((a, b) => compareText(a.spec.description, b.spec.description));
  for (const { file, spec } of repeatable) migrations.push({ id: `R__${path.basename(file, ".sql").slice(3)}`, name: spec.description, file });
  return withDialect(host, { kind: "flyway", root: folder, migrations }, folderDialect(folder));
}

/** Flyway compares versions part by part as numbers; missing parts count as 0 (1 = 1.0). */
function compareVersions(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const order = compareDigits(a[i] ?? "0", b[i] ?? "0");
    if (order !== 0) return order;
  }
  return 0;
}

function versionKey(version: readonly string[]): string {
  const parts = version.map(stripZeros);
  while (parts.length > 1 && parts[parts.length - 1] === "0") parts.pop();
  return parts.join(".");
}

// ---- golang-migrate: <version>_<title>.up.sql / .down.sql (pop: <version>_<title>.<dialect>.up.sql) --

/** pop's file suffixes for the database a file is for. */
const POP_DIALECTS: Record<string, SqlDialect> = { postgres: "postgresql", cockroach: "postgresql", mysql: "mysql", sqlite3: "sqlite" };

interface GoMigrateFile {
  readonly version: string;
  readonly title: string;
  readonly direction: "up" | "down";
  /** pop's dialect suffix, when there is one. */
  readonly target?: string;
}

function goMigrateFile(name: string): GoMigrateFile | undefined {
  const direction = name.endsWith(".up.sql") ? "up" : name.endsWith(".down.sql") ? "down" : undefined;
  if (!direction) return undefined;
  const stem = name.slice(0, -(direction === "up" ? ".up.sql" : ".down.sql").length);
  const underscore = stem.indexOf("_");
  const version = underscore < 0 ? stem : stem.slice(0, underscore);
  if (!isDigits(version)) return undefined;
  // pop: `<title>[.<database>][.autocommit].<direction>.sql`; `sqlite` is an alias of `sqlite3`.
  let title = underscore < 0 ? "" : stem.slice(underscore + 1);
  if (title.endsWith(".autocommit")) title = title.slice(0, -".autocommit".length);
  const dot = title.lastIndexOf(".");
  const written = dot >= 0 ? title.slice(dot + 1) : undefined;
  const target = written === "sqlite" ? "sqlite3" : written;
  if (target !== undefined && target in POP_DIALECTS) title = title.slice(0, dot);
  return { version, title, direction, ...(target !== undefined && target in POP_DIALECTS ? { target } : {}) };
}

function goMigrateSets(host: FileHost, folder: string, files: readonly string[]): SqlSetSpec[] {
  const parsed = files.flatMap((name) => {
    const spec = goMigrateFile(name);
    return spec ? [{ file: path.join(folder, name), spec }] : [];
  });
  if (!parsed.some((p) => p.spec.direction === "up")) return [];
  const targets = [...new Set(parsed.flatMap((p) => (p.spec.target ? [p.spec.target] : [])))].sort();
  // Files without a dialect suffix apply to every database.
  const groups = targets.length === 0 ? [undefined] : targets;
  return groups.map((target) => {
    // A version with a file for this database uses it instead of the generic one (as pop does).
    const specific = new Set(parsed.filter((p) => p.spec.target === target && target !== undefined).map((p) => `${stripZeros(p.spec.version)}/${p.spec.direction}`));
    const mine = parsed.filter((p) => p.spec.target === target || (p.spec.target === undefined && !specific.has(`${stripZeros(p.spec.version)}/${p.spec.direction}`)));
    const downs = new Map(mine.filter((p) => p.spec.direction === "down").map((p) => [`${stripZeros(p.spec.version)}/${p.spec.title}`, p.file]));
    const ups = mine.filter((p) => p.spec.direction === "up");
    // golang-migrate refuses two files of one version: a folder where several versions are shared
    // (a convention, not one merge accident), or in a Go project whose go.mod does not use
    // golang-migrate, is run by a tool that keys the files by their whole name.
    const versions = ups.map((p) => stripZeros(p.spec.version));
    const shared = new Set(versions.filter((v, i) => versions.indexOf(v) !== i));
    const byName = shared.size > 1 || (shared.size === 1 && goModWithoutGolangMigrate(host, folder));
    const migrations = ups
      .sort((a, b) => compareDigits(a.spec.version, b.spec.version) || compareText(a.file, b.file))
      .map(({ file, spec }): SqlMigrationSpec => {
        const downFile = downs.get(`${stripZeros(spec.version)}/${spec.title}`);
        return { id: byName ? `${spec.version}_${spec.title}` : spec.version, name: spec.title, version: spec.version, file, ...(downFile ? { downFile } : {}) };
      });
    return withDialect(host, { kind: "golang-migrate", root: folder, ...(target ? { variant: target } : {}), migrations }, target ? POP_DIALECTS[target] : folderDialect(folder));
  });
}

/** The nearest go.mod above the folder requires no golang-migrate module (read as data: its module paths). */
function goModWithoutGolangMigrate(host: FileHost, folder: string): boolean {
  for (let current = folder, depth = 0; depth < 12; current = path.dirname(current), depth++) {
    const text = host.readFile(path.join(current, "go.mod"));
    if (text !== undefined) return !text.includes("github.com/golang-migrate/migrate");
    if (path.dirname(current) === current) break;
  }
  return false;
}

// ---- plain: 001_init.sql, 0002-add.sql ----------------------------------------------------------

interface NumberedFile {
  readonly fileName: string;
  readonly number: string;
  readonly name: string;
}

/**
 * Numbered .sql files, when they are what the folder holds: most of its .sql files are
 * numbered, and the folder is not named like seeds or fixtures.
 */
function plainNumberedFiles(folderName: string, files: readonly string[]): NumberedFile[] {
  if (NOT_MIGRATION_FOLDERS.has(folderName.toLowerCase())) return [];
  const sql = files.filter((f) => f.toLowerCase().endsWith(".sql"));
  const numbered = sql.flatMap((fileName): NumberedFile[] => {
    let digits = 0;
    while (digits < fileName.length && isDigits(fileName[digits] ?? "")) digits++;
    const separator = fileName[digits];
    if (digits === 0 || (separator !== "_" && separator !== "-" && separator !== ".")) return [];
    return [{ fileName, number: fileName.slice(0, digits), name: fileName.slice(digits + 1, -".sql".length) }];
  });
  return numbered.length > 0 && numbered.length * 2 >= sql.length ? numbered : [];
}

// ---- shared ---------------------------------------------------------------------------------------

/** A folder named after a database the analysis cannot read (H2, ClickHouse, Oracle, …). */
export function unsupportedDatabase(folder: string): string | undefined {
  for (const name of [path.basename(folder), path.basename(path.dirname(folder))]) {
    const lower = name.toLowerCase();
    if (dialectNamed(name) === undefined && OTHER_DATABASES.some((db) => lower.includes(db))) return name;
  }
  return undefined;
}

/** The dialect given (lock file, file suffix, folder name), else the one the first migrations' statements show. */
function withDialect(host: FileHost, spec: Omit<SqlSetSpec, "dialect">, dialect: SqlDialect | undefined): SqlSetSpec {
  const found = dialect ?? suffixDialect(spec.migrations) ?? (spec.otherDatabase ? undefined : statementsDialect(host, spec.migrations));
  return found ? { ...spec, dialect: found } : spec;
}

/** Every file named `<version>_<name>.<database>.sql` (chroma's `00001-x.sqlite.sql`) names its database. */
function suffixDialect(migrations: readonly SqlMigrationSpec[]): SqlDialect | undefined {
  const suffixes = new Set(migrations.map((m) => path.basename(m.file).toLowerCase().replace(/(\.up|\.down)?\.sql$/, "").split(".").pop() ?? ""));
  const [only] = suffixes;
  return suffixes.size === 1 && only ? dialectNamed(only) : undefined;
}

/** How many migrations are looked into for MySQL- or SQLite-only statements: the first ones create the tables. */
const DIALECT_SAMPLE = 10;

function statementsDialect(host: FileHost, migrations: readonly SqlMigrationSpec[]): SqlDialect | undefined {
  for (const migration of migrations.slice(0, DIALECT_SAMPLE)) {
    const text = host.readFile(migration.file);
    const marker = text === undefined ? undefined : dialectMarker(text);
    if (marker) return marker.dialect;
  }
  return undefined;
}

/** A folder named after its database: `migrations/postgres`, `db/migration/MYSQL`, `sqlite/`. */
function folderDialect(folder: string): SqlDialect | undefined {
  return dialectNamed(path.basename(folder)) ?? dialectNamed(path.basename(path.dirname(folder)));
}

/** Databases Flyway and the other tools keep per-database folders for, ours and others. */
const OTHER_DATABASES = ["h2", "hsql", "oracle", "sqlserver", "mssql", "db2", "derby", "firebird", "informix", "snowflake", "redshift", "clickhouse", "sybase"];

function isDatabaseName(name: string): boolean {
  const lower = name.toLowerCase();
  return dialectNamed(name) !== undefined || OTHER_DATABASES.some((db) => lower.includes(db));
}

export function dialectNamed(name: string): SqlDialect | undefined {
  const lower = name.toLowerCase();
  if (lower.includes("postgres") || lower.includes("cockroach") || lower === "pg" || lower === "pgsql" || lower === "psql") return "postgresql";
  if (lower.includes("mysql") || lower.includes("mariadb")) return "mysql";
  if (lower.includes("sqlite")) return "sqlite";
  return undefined;
}

function isDigits(text: string): boolean {
  if (text === "") return false;
  for (const c of text) if (c < "0" || c > "9") return false;
  return true;
}

function stripZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits[i] === "0") i++;
  return digits.slice(i);
}

/** Digit strings as numbers of any size: `9` before `10`, `001` equal to `1`. */
function compareDigits(a: string, b: string): number {
  const x = stripZeros(a);
  const y = stripZeros(b);
  return x.length - y.length || compareText(x, y);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A Prisma folder's timestamp: what comes before its first `_` (`20240101120000_add_users`), if it has one. */
function prismaVersion(folderName: string): string | undefined {
  const at = folderName.indexOf("_");
  return at > 0 ? folderName.slice(0, at) : undefined;
}

function afterFirst(text: string, separator: string): string {
  const at = text.indexOf(separator);
  return at < 0 ? text : text.slice(at + 1);
}
