import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Finding } from "../model/findings";
import { initialSchemaOf } from "../schema/initialSchema";
import { renderDdlStatements, type DdlStatement } from "../schema/renderDdl";
import { ancestorsOf, replaySchema } from "../schema/replay";
import type { Operation } from "../schema/operations";
import { envWithoutNamingConvention } from "../alembic/envNamingConvention";
import { readCatalog, type Catalog } from "./catalog";
import { databaseError, EMPTY_DATABASE, type VerifyDatabase, type VerifyDatabases } from "./database";
import { toolTableDdl } from "./toolTableDdl";
import { toolTables } from "../schema/toolTables";
import { lockFindings, tableStorage, traceStatement } from "./lockTrace";
import { at, rejection } from "./rejection";
import { mismatchMessage, rangeFor, skippedTouches } from "./replayComparison";
import { ReplayCatalog } from "./replayCatalog";
import { controlsTransaction, type NotVerifiable, type RevisionScript } from "./revisionScript";
import { revisionScript } from "./revisionScripts";
import { roundtrip } from "./roundtrip";
import { verifyFinding } from "./verifyFindings";

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
  // A migration's own BEGIN may have left a transaction open (an earlier set's, rejected midway).
  const closeTransaction = (): Promise<void> => database.exec("ROLLBACK").catch(() => undefined);
  await closeTransaction();
  // An earlier set's migrations may have changed the session's search path (pg_dump's empty one).
  await database.exec("RESET search_path");
  await database.exec(EMPTY_DATABASE);
  const tools = await makeToolTables(set, own, database);
  const findings: Finding[] = [];
  const skipped: NotVerifiable[] = [];
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
        if (existing && !controlsTransaction(statement.sql)) {
          const trace = await traceStatement(database, statement.sql, existing);
          if (trace) findings.push(...lockFindings(statement, trace, operations, options.findings));
        } else await database.exec(statement.sql);
      } catch (thrown) {
        const error = databaseError(thrown);
        const extension = unavailable.find((name) => error.message.includes(`"${name}"`));
        if (extension !== undefined) {
          // An extension the database lacks: its CREATE is skipped; what uses it may not verify.
          const item = { file: statement.file, range: at(statement, error), reason: `extension '${extension}' is not available in ${databases.description} (${error.message}); try --database-url` };
          skipped.push(item);
          findings.push(verifyFinding("not-verified", item.file, item.range, `Not verified: ${item.reason}.`));
          continue;
        }
        findings.push(rejection(statement, error, direction, skipped, options.findings, outside, conventionUnknown));
        if (direction === "upgrade") await closeTransaction();
        return false;
      }
    }
    // A migration that opens a transaction of its own (`COMMIT; BEGIN;` midway) leaves it to the
    // tool, which commits it when the migration ends; left open, the replay's rolled-back load would undo it.
    if (direction === "upgrade" && script.statements.some((s) => controlsTransaction(s.sql))) await database.exec("COMMIT");
    return true;
  };

  const replayCatalog = new ReplayCatalog(database);
  try {
    // The tool's own table is the tool's business: neither side's catalog is compared on it.
    const readOwn = async (): Promise<Catalog> => withoutTables(await readCatalog(database), tools);
    let before = await readOwn();
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
      const after = await readOwn();
      // With branches, the database holds every branch run so far, the replay at a revision only
      // its ancestors: compare where both describe the same migrations.
      const ancestors = ancestorsOf(set, id);
      // The same DDL against the same catalog gives the same differences, already reported: skip it.
      const replayed = (ddlAfter.get(id) ?? []).filter((s) => !s.object || !tools.has(`${s.object.schema ?? "public"}.${s.object.name}`));
      const compared = `${replayed.map((s) => s.sql).join(";\n")}\u0000${catalogText(after)}`;
      if ([...ran].every((r) => ancestors.has(r)) && compared !== lastCompared) {
        lastCompared = compared;
        for (const difference of await replayCatalog.differences(after, replayed)) {
          if (skippedTouches(skipped, difference)) continue;
          const seen = `${difference.postgres ?? ""}\u0000${difference.replay ?? ""}`;
          if (reported.get(difference.key) === seen) continue;
          reported.set(difference.key, seen);
          findings.push(verifyFinding("replay-mismatch", node.file.path, rangeFor(operations, difference), mismatchMessage(difference, operations, skipped.filter((item) => item.changesSchema !== false).length)));
        }
      }
      if (options.roundtrip) await roundtrip(set, node.file, before, after, database, readOwn, run, findings, options.read);
      before = after;
    }
    options.onProgress?.(order.length, order.length);
    return result();
  } finally {
    await closeTransaction();
    await database.exec(EMPTY_DATABASE).catch(() => undefined);
  }
}

/**
 * Makes the bookkeeping tables the set's migration tool creates before the first migration (a
 * migration may change them), unless the migrations create one of that name themselves. Returns
 * their catalog names (`schema.name`).
 */
async function makeToolTables(set: AnalyzedSet, own: ReadonlySet<string>, database: VerifyDatabase): Promise<Set<string>> {
  const made = new Set<string>();
  for (const table of toolTables(set)) {
    const ddl = own.has(table.name) ? undefined : toolTableDdl(table);
    if (!ddl) continue;
    try {
      for (const statement of ddl) await database.exec(statement);
      made.add(`${table.schema ?? "public"}.${table.name}`);
    } catch {
      // Another candidate of the same name was made already.
    }
  }
  return made;
}

function withoutTables(catalog: Catalog, tables: ReadonlySet<string>): Catalog {
  if (tables.size === 0) return catalog;
  return new Map([...catalog].filter(([, entry]) => !tables.has(entry.table ?? entry.name)));
}

function catalogText(catalog: Catalog): string {
  return [...catalog].map(([key, entry]) => `${key}=${entry.definition}`).join("\n");
}

function targetRevisions(set: AnalyzedSet, to: string): Set<string> {
  const id = resolveRevision(set, to);
  return id ? ancestorsOf(set, id) : new Set();
}

/** The revision `to` names in the set: an id, a label, or a prefix of exactly one id. */
export function resolveRevision(set: AnalyzedSet, to: string): string | undefined {
  const resolved = set.graph.resolve(to);
  if (resolved) return resolved;
  const matches = [...set.graph.nodes.keys()].filter((candidate) => candidate.startsWith(to));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The replayed schema after each revision, as the DDL statements `migration-lens schema --at` prints. */
function replayedDdl(set: AnalyzedSet, only: ReadonlySet<string> | undefined): Map<string, DdlStatement[]> {
  const ddl = new Map<string, DdlStatement[]>();
  replaySchema(set, { initial: initialSchemaOf(set), ...(only ? { only } : {}), onRevision: (id, state) => ddl.set(id, renderDdlStatements(state, id, set.spec.root).statements) });
  return ddl;
}

function extensionsOf(operations: readonly Operation[]): string[] {
  return operations.flatMap((op) => (op.kind === "unknown" && op.extension && !op.extension.dropped ? [op.extension.name] : []));
}

