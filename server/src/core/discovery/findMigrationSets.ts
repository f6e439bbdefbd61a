import * as path from "node:path";
import type { FileHost } from "../host";
import type { MigrationSetSpec } from "./migrationSet";
import { dialectOfFolder, setsFromAlembicIni, setsFromPyproject } from "./alembicConfig";
import { readRevisionFile } from "../alembic/revisionFile";
import { detectSqlMigrationSets, dialectNamed, isSqlMigrationFolderCandidate, unsupportedDatabase, type SqlSetSpec } from "./sqlFolders";
import { databaseDisplayName, readFlywaySettings, type FlywaySettings } from "./flywayConfig";

/** Folders never searched: tool caches, virtual environments, installed packages, VCS data. */
const SKIPPED_FOLDERS = new Set(["node_modules", "__pycache__", "site-packages", "dist-packages"]);
const MAX_DEPTH = 16;
/** Larger .py files are not looked into when searching for revision folders without config. */
const MAX_CANDIDATE_BYTES = 2_000_000;

export function isSkippedFolder(name: string): boolean {
  return name.startsWith(".") || SKIPPED_FOLDERS.has(name);
}

/** Alembic loads every `.py` in a version folder except `__init__*` and editor lock files `.#*`. */
export function isRevisionFileName(name: string): boolean {
  return name.endsWith(".py") && !name.startsWith("__init__") && !name.startsWith(".#");
}

/**
 * Finds the migration sets under the given folders (or config files): each alembic.ini section
 * and pyproject `[tool.alembic]` with a script location, then any folder of .py files that assign
 * `down_revision` and are not already covered by one.
 */
export function discoverMigrationSets(host: FileHost, roots: readonly string[]): MigrationSetSpec[] {
  const configFiles: string[] = [];
  const candidateFolders = new Set<string>();
  const sqlSets: SqlSetSpec[] = [];
  const found = { configFiles, candidates: candidateFolders, sqlSets };
  for (const root of roots) {
    if (host.readDirectory(root)) walk(host, root, 0, found);
    else if (/\.(ini|toml)$/.test(root)) configFiles.push(root);
    else if (root.endsWith(".py") || root.endsWith(".sql")) walk(host, path.dirname(root), MAX_DEPTH, found);
  }

  const specs: MigrationSetSpec[] = [];
  for (const file of [...new Set(configFiles)].sort()) {
    const text = host.readFile(file);
    if (text === undefined) continue;
    specs.push(...(file.endsWith(".toml") ? setsFromPyproject(host, file, text) : setsFromAlembicIni(host, file, text)));
  }
  // Folders that hold a configured location (a script location with env.py) belong to that set;
  // so do the subfolders of a configured location, unless Alembic finds no revision there (the
  // project then points Alembic at those subfolders from code, and they are shown on their own).
  const configured = specs.flatMap((s) => s.versionLocations);
  const populated = specs.filter((s) => listRevisionFiles(host, s).length > 0).flatMap((s) => s.versionLocations);
  const covered = (folder: string): boolean =>
    configured.some((location) => isInside(location, folder)) || populated.some((location) => isInside(folder, location));

  // A candidate folder inside another candidate belongs to it (revisions kept in subfolders).
  const folders = [...candidateFolders].filter((f) => !covered(f)).sort();
  const tops = folders.filter((f) => !folders.some((other) => other !== f && isInside(f, other)));
  for (const folder of tops) {
    const dialect = dialectOfFolder(folder);
    specs.push({ kind: "alembic", root: folder, configFile: undefined, section: undefined, versionLocations: [folder], recursive: true, problems: [], ...(dialect ? { dialect } : {}) });
  }
  const seenSql = new Set<string>();
  for (const sql of sqlSets) {
    const id = `${sql.root}\u0000${sql.variant ?? ""}`;
    if (seenSql.has(id)) continue;
    seenSql.add(id);
    const flyway = sql.kind === "flyway" ? readFlywaySettings(host, sql.root, roots) : {};
    specs.push({
      ...(flyway.table ? { versionTable: flyway.table } : {}),
      kind: sql.kind,
      root: sql.root,
      configFile: undefined,
      section: undefined,
      versionLocations: [sql.root],
      recursive: false,
      problems: [],
      sql: {
        migrations: sql.migrations,
        dialect: sql.dialect,
        ...(sql.variant ? { variant: sql.variant } : {}),
        ...unsupported(sql, flyway),
        ...(flyway.outOfOrder ? { outOfOrderAllowedBy: flyway.file ?? "application.properties" } : {}),
        ...(sql.orderedByJournal ? { orderedByJournal: true } : {}),
        ...(sql.extendedBy ? { extendedBy: sql.extendedBy } : {}),
        ...(sql.prismaBefore7 ? { prismaBefore7: sql.prismaBefore7 } : {}),
      },
    });
  }
  return specs;
}

/** The revision files of a set, as Alembic would list them. */
export function listRevisionFiles(host: FileHost, spec: MigrationSetSpec): string[] {
  const files = new Set<string>();
  const visit = (folder: string, depth: number): void => {
    for (const entry of host.readDirectory(folder) ?? []) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory) {
        if (spec.recursive && depth < MAX_DEPTH && !isSkippedFolder(entry.name)) visit(full, depth + 1);
      } else if (isRevisionFileName(entry.name)) {
        files.add(full);
      }
    }
  };
  for (const location of spec.versionLocations) visit(location, 0);
  return [...files].sort();
}

export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

interface Found {
  readonly configFiles: string[];
  readonly candidates: Set<string>;
  readonly sqlSets: SqlSetSpec[];
}

function walk(host: FileHost, folder: string, depth: number, found: Found): void {
  const { configFiles, candidates } = found;
  const entries = host.readDirectory(folder);
  // A virtual environment (it has pyvenv.cfg) holds installed packages, not the project's migrations.
  if (!entries || entries.some((e) => e.name === "pyvenv.cfg")) return;
  if (isSqlMigrationFolderCandidate(path.basename(folder), entries)) {
    const sets = detectSqlMigrationSets(host, folder);
    // The subfolders of a SQL migration folder are its own (Prisma's migration folders).
    if (sets.length > 0) {
      found.sqlSets.push(...sets);
      return;
    }
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory) {
      if (depth < MAX_DEPTH && !isSkippedFolder(entry.name)) walk(host, full, depth + 1, found);
    } else if (entry.name.endsWith(".ini") || entry.name === "pyproject.toml") {
      const text = host.readFile(full);
      if (text !== undefined && /script_location/.test(text)) configFiles.push(full);
    } else if (isRevisionFileName(entry.name) && !candidates.has(folder)) {
      const text = host.readFile(full);
      // A cheap text test before parsing: only files naming down_revision can be revisions.
      if (text !== undefined && text.length < MAX_CANDIDATE_BYTES && text.includes("down_revision")) {
        const file = readRevisionFile(full, text);
        if (file.revision && file.downRevision) candidates.add(folder);
      }
    }
  }
}

/** CockroachDB's SQL (`table@index`, …) is close to PostgreSQL's but not read: its sets are listed, not judged. */
function unsupported(sql: SqlSetSpec, flyway: FlywaySettings): { unsupported?: string; unsupportedBecause?: string } {
  if (sql.variant === "cockroach") return { unsupported: "CockroachDB", unsupportedBecause: "pop's `.cockroach` file suffix" };
  if (sql.otherDatabase) return { unsupported: sql.otherDatabase.database, unsupportedBecause: sql.otherDatabase.because };
  // The URL of Flyway's config file, unless the folder names its own database.
  if (!sql.dialect && flyway.database && !dialectNamed(flyway.database)) return { unsupported: databaseDisplayName(flyway.database), unsupportedBecause: `flyway.url in ${path.basename(flyway.file ?? "")}` };
  const named = unsupportedDatabase(sql.root);
  return named ? { unsupported: named, unsupportedBecause: `folder name \`${named}\`` } : {};
}
