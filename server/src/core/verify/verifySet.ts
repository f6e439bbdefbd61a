import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Finding, RelatedLocation } from "../model/findings";
import { FILE_START, comparePositions, type Range } from "../model/positions";
import { initialSchemaOf } from "../schema/initialSchema";
import { renderDdl } from "../schema/renderDdl";
import { ancestorsOf, replaySchema } from "../schema/replay";
import type { Operation } from "../schema/operations";
import { splitSqlStatements } from "../sql/splitStatements";
import { compareCatalogs, readCatalog, type Catalog, type CatalogDifference } from "./catalog";
import { databaseError, type DatabaseError, type VerifyDatabase, type VerifyDatabases } from "./database";
import type { NotVerifiable, RevisionScript, ScriptStatement } from "./revisionScript";
import { revisionScript } from "./revisionScripts";
import { verifyFinding } from "./verifyFindings";
import { envWithoutNamingConvention } from "../alembic/envNamingConvention";
import { lockFindings, tableStorage, traceStatement } from "./lockTrace";

export interface VerifyOptions {
  /** Verify up to this revision (and its ancestors) only. */
  readonly to?: string;
  /** Also run each downgrade, then the upgrade again: the downgrade must leave the catalog the upgrade found. */
  readonly roundtrip?: boolean;
  /** Trace the locks each upgrade statement takes and the tables it rewrites, and compare them with the static rules. */
  readonly locks?: boolean;
  /** The analysis's own error and warning findings: a rejected statement says whether they predicted it. */
  readonly findings: readonly Finding[];
  /** Reads a file the migrations name (a `.down.sql`). */
  readonly read: (path: string) => string | undefined;
  readonly onProgress?: (done: number, total: number) => void;
  readonly cancelled?: () => boolean;
}

export interface SetVerification {
  readonly set: AnalyzedSet;
  /** Why the set was not run at all (another database). */
  readonly skipped?: string;
  readonly revisions: number;
  /** Revisions whose upgrade PostgreSQL ran to the end. */
  readonly verified: number;
  /** Statements not sent as written (not-verified findings). */
  readonly notVerified: number;
  readonly findings: readonly Finding[];
  readonly cancelled?: boolean;
}

/**
 * Runs a set's upgrades on an empty PostgreSQL revision by revision along the graph, stops at
 * the first statement PostgreSQL rejects, and after each revision compares PostgreSQL's catalog
 * with the replay's schema at that revision: its DDL loaded inside a transaction that is then
 * rolled back, so one database serves both.
 */
export async function verifySet(set: AnalyzedSet, databases: VerifyDatabases, options: VerifyOptions): Promise<SetVerification> {
  const only = options.to !== undefined ? targetRevisions(set, options.to) : undefined;
  const order = set.graph.order.filter((id) => !only || only.has(id));
  const ddlAfter = replayedDdl(set, only);
  // Tables the history starts from, or another set creates (and this one does not): an empty database does not have them.
  const own = new Set(set.files.flatMap((file) => (file.upgrade?.operations ?? []).flatMap((op) => (op.kind === "create_table" ? [op.table.name] : []))));
  const outside = new Set([...initialSchemaOf(set).tables.values()].map((table) => table.name.name).filter((name) => !own.has(name)));
  // Alembic names unnamed (and conventionally named) constraints by target_metadata's naming convention, which lives in the application.
  const conventionUnknown = set.spec.kind === "alembic" && !(set.env !== undefined && envWithoutNamingConvention(set.env.text));
  const extensions = [...new Set(order.flatMap((id) => extensionsOf(set.graph.nodes.get(id)?.file.upgrade?.operations ?? [])))];
  const { database, unavailable } = await databases.open(extensions);
  await database.exec(EMPTY);
  const findings: Finding[] = [];
  const skipped: NotVerifiable[] = [];
  const skippedExtensions = new Set<string>();
  const said = new Set<string>();
  const reported = new Map<string, string>();
  const ran = new Set<string>();
  let verified = 0;
  const result = (extra: { cancelled?: boolean } = {}): SetVerification => ({ set, revisions: order.length, verified, notVerified: findings.filter((f) => f.rule === "not-verified").length, findings, ...extra });

  /** Runs a script's statements; on a rejection, records it and returns false. */
  const run = async (script: RevisionScript, direction: "upgrade" | "downgrade" | "upgrade again", operations: readonly Operation[] = []): Promise<boolean> => {
    // Tables there before the migration: what its locks block (tables it creates block nobody yet).
    const existing = options.locks && direction === "upgrade" ? new Set((await tableStorage(database)).keys()) : undefined;
    for (const item of script.notVerifiable) {
      // A call in a loop is one statement written once: said once.
      const key = `${item.file}:${item.range.start.line}:${item.range.start.character}:${item.reason}`;
      if (said.has(key)) continue;
      said.add(key);
      skipped.push(item);
      findings.push(verifyFinding("not-verified", item.file, item.range, `Not verified on PostgreSQL: ${item.reason}.`));
    }
    for (const statement of script.statements) {
      try {
        if (existing) {
          const trace = await traceStatement(database, statement.sql, existing);
          if (trace) findings.push(...lockFindings(statement, trace, operations, options.findings));
        } else await database.exec(statement.sql);
      } catch (thrown) {
        const error = databaseError(thrown);
        const extension = unavailable.find((name) => error.message.includes(`"${name}"`));
        if (extension !== undefined) {
          // An extension the database lacks: its CREATE is skipped; what uses it may not verify.
          skippedExtensions.add(extension);
          const item = { file: statement.file, range: at(statement, error), reason: `extension '${extension}' is not available in ${databases.description} (${error.message}); try --database-url` };
          skipped.push(item);
          findings.push(verifyFinding("not-verified", item.file, item.range, `Not verified: ${item.reason}.`));
          continue;
        }
        findings.push(rejection(statement, error, direction, skipped, options.findings, outside, conventionUnknown));
        return false;
      }
    }
    return true;
  };

  try {
    let before = await readCatalog(database);
    let lastCompared = "";
    for (const [index, id] of order.entries()) {
      if (options.cancelled?.()) return result({ cancelled: true });
      options.onProgress?.(index, order.length);
      const node = set.graph.nodes.get(id);
      if (!node) continue;
      const operations = node.file.upgrade?.operations ?? [];
      const upgrade = revisionScript(set, node.file, "upgrade", options.read);
      if (!(await run(upgrade, "upgrade", operations))) return result();
      ran.add(id);
      verified++;
      const after = await readCatalog(database);
      // With branches, the database holds every branch run so far, the replay at a revision only
      // its ancestors: compare where both describe the same migrations.
      const ancestors = ancestorsOf(set, id);
      // The same DDL against the same catalog gives the same differences, already reported: skip it.
      const compared = `${withoutComments(ddlAfter.get(id) ?? "")}\u0000${catalogText(after)}`;
      if ([...ran].every((r) => ancestors.has(r)) && compared !== lastCompared) {
        lastCompared = compared;
        for (const difference of await replayDifferences(database, after, ddlAfter.get(id) ?? "")) {
          if (skippedTouches(skipped, difference)) continue;
          const seen = `${difference.postgres ?? ""}\u0000${difference.replay ?? ""}`;
          if (reported.get(difference.key) === seen) continue;
          reported.set(difference.key, seen);
          findings.push(verifyFinding("replay-mismatch", node.file.path, rangeFor(operations, difference), mismatchMessage(difference, operations, skipped.filter((item) => item.changesSchema !== false).length)));
        }
      }
      if (options.roundtrip && !(await roundtrip(set, node.file, before, after, database, run, findings, options.read))) return result();
      before = after;
    }
    options.onProgress?.(order.length, order.length);
    return result();
  } finally {
    await database.exec(EMPTY).catch(() => undefined);
  }
}

/**
 * Downgrade, then upgrade again, inside a transaction rolled back afterwards: the downgrade must
 * leave the catalog the upgrade found, and the upgrade must run again after it.
 */
async function roundtrip(
  set: AnalyzedSet,
  file: AnalyzedSet["files"][number],
  before: Catalog,
  after: Catalog,
  database: VerifyDatabase,
  run: (script: RevisionScript, direction: "upgrade" | "downgrade" | "upgrade again") => Promise<boolean>,
  findings: Finding[],
  read: (path: string) => string | undefined,
): Promise<boolean> {
  if (!file.downgrade?.present || file.downgrade.raises) return true;
  const downgrade = revisionScript(set, file, "downgrade", read);
  if (downgrade.statements.length === 0 && downgrade.notVerifiable.length === 0) return true;
  const where = { file: file.downgrade.file ?? file.path, range: file.downgrade.range ?? FILE_START };
  await database.exec("BEGIN");
  try {
    if (!(await run(downgrade, "downgrade"))) return true;
    const down = await readCatalog(database);
    const left = compareCatalogs(before, down);
    for (const difference of left) findings.push(verifyFinding("downgrade-mismatch", where.file, where.range, downgradeMessage(difference)));
    // Upgrading again only means something from where the upgrade started.
    if (left.length > 0) return true;
    if (!(await run(revisionScript(set, file, "upgrade", read), "upgrade again"))) return true;
    const again = await readCatalog(database);
    for (const difference of compareCatalogs(after, again)) {
      findings.push(verifyFinding("downgrade-mismatch", where.file, where.range, `Upgrading again after the downgrade leaves ${difference.kind} ${difference.name} as ${difference.replay ?? "absent"}; the first upgrade left ${difference.postgres ?? "none"}.`));
    }
    return true;
  } finally {
    await database.exec("ROLLBACK").catch(() => undefined);
  }
}

/** `postgres` is the catalog before the upgrade, `replay` the one after the downgrade. */
function downgradeMessage(difference: CatalogDifference): string {
  const what = `${difference.kind} ${difference.name}`;
  if (difference.postgres === undefined) return `The downgrade leaves ${what} (${difference.replay}); it was not there before the upgrade.`;
  if (difference.replay === undefined) return `The downgrade drops ${what} (${difference.postgres}); it was there before the upgrade.`;
  return `After the downgrade ${what} is ${difference.replay}; before the upgrade it was ${difference.postgres}.`;
}

function at(statement: ScriptStatement, error: DatabaseError): Range {
  return error.position !== undefined ? statement.at(error.position - 1) : statement.range;
}

/** PostgreSQL's refusal; after statements that were not verified, it may follow from them, so it is not claimed. */
function rejection(statement: ScriptStatement, error: DatabaseError, direction: string, skipped: readonly NotVerifiable[], findings: readonly Finding[], outside: ReadonlySet<string>, conventionUnknown: boolean): Finding {
  const range = at(statement, error);
  const when = direction === "upgrade" ? "" : ` (${direction}, in --roundtrip)`;
  const schemaSkips = skipped.filter((item) => item.changesSchema !== false);
  const last = schemaSkips[schemaSkips.length - 1];
  if (last) {
    const related: RelatedLocation[] = [{ file: last.file, range: last.range, message: `not verified: ${last.reason}` }];
    return verifyFinding("not-verified", statement.file, range, `Not verified from here on: PostgreSQL rejects this statement${when} (${error.message}), which may follow from ${schemaSkips.length} statement(s) not verified before it.`, related);
  }
  const missing = [...outside].find((name) => error.message.includes(`"${name}"`));
  if (missing !== undefined) {
    return verifyFinding("not-verified", statement.file, range, `Not verified from here on: PostgreSQL says "${error.message}", and '${missing}' is made outside these migrations (the history starts from it, or another set creates it); verify starts from an empty database.`);
  }
  if (conventionUnknown && /^(constraint|index) "[^"]+"( of relation "[^"]+")? does not exist/.test(error.message)) {
    return verifyFinding("not-verified", statement.file, range, `Not verified from here on: PostgreSQL says "${error.message}", and env.py gives Alembic a target_metadata whose naming convention (which names constraints) the analysis cannot read.`);
  }
  return verifyFinding("postgres-rejected", statement.file, range, `PostgreSQL rejects this statement${when}: ${error.message}. ${predictedBy(findings, statement.file, statement.range)}`);
}

function withoutComments(ddl: string): string {
  return ddl
    .split("\n")
    .filter((line) => !line.startsWith("--"))
    .join("\n");
}

function catalogText(catalog: Catalog): string {
  return [...catalog].map(([key, entry]) => `${key}=${entry.definition}`).join("\n");
}

function targetRevisions(set: AnalyzedSet, to: string): Set<string> {
  const id = set.graph.resolve(to) ?? [...set.graph.nodes.keys()].find((candidate) => candidate.startsWith(to));
  return id ? ancestorsOf(set, id) : new Set();
}

/** The replayed schema after each revision, as the DDL `migration-lens schema --at` prints. */
function replayedDdl(set: AnalyzedSet, only: ReadonlySet<string> | undefined): Map<string, string> {
  const ddl = new Map<string, string>();
  replaySchema(set, { initial: initialSchemaOf(set), ...(only ? { only } : {}), onRevision: (id, state) => ddl.set(id, renderDdl(state, id, set.spec.root)) });
  return ddl;
}

function extensionsOf(operations: readonly Operation[]): string[] {
  return operations.flatMap((op) => (op.kind === "unknown" && op.extension && !op.extension.dropped ? [op.extension.name] : []));
}

/** The replay's DDL loaded in place of the migrations' schema, inside a transaction rolled back after reading its catalog. */
async function replayDifferences(database: VerifyDatabase, migrated: Catalog, ddl: string): Promise<CatalogDifference[]> {
  const rejected: CatalogDifference[] = [];
  await database.exec("BEGIN");
  try {
    await database.exec(EMPTY);
    // All at once when PostgreSQL takes it (one round trip); statement by statement to find what it rejects.
    await database.exec("SAVEPOINT whole");
    try {
      await database.exec(ddl);
      await database.exec("RELEASE SAVEPOINT whole");
    } catch {
      await database.exec("ROLLBACK TO SAVEPOINT whole");
      for (const statement of splitSqlStatements(ddl, "postgresql")) {
        if (statement.text.startsWith("--")) continue;
        await database.exec("SAVEPOINT ddl");
        try {
          await database.exec(statement.text);
          await database.exec("RELEASE SAVEPOINT ddl");
        } catch (thrown) {
          await database.exec("ROLLBACK TO SAVEPOINT ddl");
          rejected.push({ key: `ddl ${statement.text}`, kind: "table", name: statement.text, replay: `rejected: ${databaseError(thrown).message}` });
        }
      }
    }
    return [...rejected, ...compareCatalogs(migrated, await readCatalog(database))];
  } finally {
    await database.exec("ROLLBACK");
  }
}

// Every schema of the migrations' (public included) dropped with what is in it: an empty database again.
const EMPTY = `DO $$ DECLARE s record; BEGIN
  FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', s.nspname);
  END LOOP;
  CREATE SCHEMA public;
END $$`;

/** A difference on a table that a statement not verified changes: expected, not the replay's fault. */
function skippedTouches(skipped: readonly NotVerifiable[], difference: CatalogDifference): boolean {
  return difference.table !== undefined && skipped.some((item) => item.tables?.includes(difference.table as string));
}

function mismatchMessage(difference: CatalogDifference, operations: readonly Operation[], skipped: number): string {
  const what = `${difference.kind} ${difference.name}`;
  let text: string;
  if (difference.key.startsWith("ddl ")) text = `The replayed schema's DDL is rejected by PostgreSQL (${difference.replay?.replace(/^rejected: /, "")}): ${difference.name}`;
  else if (difference.postgres === undefined) text = `The replay has ${what} (${difference.replay}); PostgreSQL does not after this migration.`;
  else if (difference.replay === undefined) text = `PostgreSQL has ${what} (${difference.postgres}) after this migration; the replay does not.`;
  else text = `After this migration PostgreSQL has ${what} as ${difference.postgres}; the replay has ${difference.replay}.`;
  const unknown = operations.filter((op) => op.kind === "unknown" && !op.extension);
  if (unknown.length > 0) text += ` This migration has ${unknown.length} statement(s) the analysis does not follow (line ${unknown.map((op) => op.range.start.line + 1).join(", ")}).`;
  if (skipped > 0) text += ` ${skipped} statement(s) before it were not verified.`;
  return text;
}

/** A statement the analysis does not follow (the likeliest cause), else the one that touches the object's table, else the migration's start. */
function rangeFor(operations: readonly Operation[], difference: CatalogDifference): Range {
  const unknown = operations.find((op) => op.kind === "unknown" && !op.extension);
  if (unknown) return unknown.range;
  const touches = operations.find((op) => "table" in op && op.table !== undefined && `${op.table.schema ?? "public"}.${op.table.name}` === difference.table);
  return touches?.range ?? operations[0]?.range ?? FILE_START;
}

function predictedBy(findings: readonly Finding[], file: string, range: Range): string {
  // Errors claim a statement fails; warnings are about locks and data, not failure.
  const inFile = findings.filter((f) => f.file === file && f.severity === "error");
  const overlapping = inFile.filter((f) => comparePositions(f.range.start, range.end) <= 0 && comparePositions(f.range.end, range.start) >= 0);
  const rules = (list: readonly Finding[]): string => [...new Set(list.map((f) => f.rule))].join(", ");
  if (overlapping.length > 0) return `The analysis had predicted it (${rules(overlapping)}).`;
  // A broken header or graph makes the revision run where it should not: reported on the file.
  if (inFile.length > 0) return `The analysis had reported this migration (${rules(inFile)}).`;
  return "The analysis had not predicted it.";
}
