import type { AnalysisResult } from "../analysis/analyzeSets";
import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Finding } from "../model/findings";
import { comparePositions, type Range } from "../model/positions";
import { OPERATION_RULES } from "../rules/schema";
import type { TableLock } from "../rules/schema/tableLock";
import type { Operation } from "../schema/operations";
import { displayName } from "../schema/schemaState";
import { claimsOf, type Claim } from "./claims";
import { mergeHeads, type MergeHeads } from "./mergeHeads";
import { summarizeUpgrade, type Phrase } from "./operationSummary";

/** What a pull request's migration notes say, computed per migration set; rendering is elsewhere. */
export interface MigrationNotes {
  readonly sets: readonly SetNotes[];
}

export type SetNotes = SetCompared | SetNotCompared;

/** A set compared with its base: what the branch adds, the heads around the merge, the claims checked. */
export interface SetCompared {
  readonly compared: true;
  readonly set: AnalyzedSet;
  readonly base: string;
  readonly mergeBase: string;
  readonly added: readonly AddedMigration[];
  /** Lock classes are PostgreSQL's: on other databases no migration's locks are said. */
  readonly locksModelled: boolean;
  readonly heads: MergeHeads;
  readonly claims: readonly Claim[];
  /** Findings on the files the branch adds or changes, merge findings among them. */
  readonly findings: readonly Finding[];
}

/** No base to compare with (outside git, no base branch…): only the findings on every migration. */
export interface SetNotCompared {
  readonly compared: false;
  readonly set: AnalyzedSet;
  readonly reason: string;
  readonly findings: readonly Finding[];
}

export interface AddedMigration {
  readonly file: string;
  /** Revision id, or the SQL migration's version. */
  readonly id: string;
  /** The docstring's message, or the SQL migration's name. */
  readonly name: string;
  /** The file existed at the fork and the branch changed it, rather than added it. */
  readonly changed: boolean;
  readonly summary: Phrase;
  /** The not-additive rules that reported on it. */
  readonly notAdditive: readonly RuleAt[];
  /** Statements that block other sessions, and the lock they take (as the rule flagging them knows it). */
  readonly locks: readonly LockAt[];
  readonly dataChanges: boolean;
  /** It holds statements the analysis could not read: what it does is not fully known. */
  readonly notUnderstood: boolean;
  readonly createsIndexes: boolean;
}

export interface RuleAt {
  readonly rule: string;
  readonly line: number;
}

export interface LockAt {
  readonly line: number;
  /** The rules that flagged the statement (a unique index is also a non-concurrent one). */
  readonly rules: readonly string[];
  /** The strongest lock they say it takes. */
  readonly lock: TableLock;
  /** The table it locks, when the statement names one. */
  readonly table?: string;
  readonly createsIndex: boolean;
}

const NOT_ADDITIVE: ReadonlySet<string> = new Set(OPERATION_RULES.filter((r) => r.nonAdditive).map((r) => r.name));
const LOCKS = new Map(OPERATION_RULES.flatMap((r) => (r.lock ? [[r.name, r.lock] as const] : [])));

export function migrationNotes(result: AnalysisResult): MigrationNotes {
  return { sets: result.sets.map((set) => setNotes(set, result.findings.filter((f) => belongsTo(set, f.file)))) };
}

function setNotes(set: AnalyzedSet, findings: readonly Finding[]): SetNotes {
  const state = set.branch?.state;
  if (!state?.available) return { compared: false, set, reason: state?.reason ?? "git was not asked", findings };
  const newFiles = set.branch?.newFiles ?? new Set<string>();
  const locksModelled = set.settings.dialect === "postgresql";
  const names = new Map((set.spec.sql?.migrations ?? []).map((m) => [m.file, m.name]));
  const added = set.graph.order.flatMap((id) => {
    const file = set.graph.nodes.get(id)?.file;
    if (!file || !newFiles.has(file.path)) return [];
    const own = findings.filter((f) => f.file === file.path);
    const operations = file.upgrade?.operations ?? [];
    const migration: AddedMigration = {
      file: file.path,
      id,
      name: names.get(file.path) ?? file.docstring?.message ?? "",
      changed: state.atMergeBase.has(file.path),
      summary: summarizeUpgrade(file.upgrade),
      notAdditive: own.filter((f) => NOT_ADDITIVE.has(f.rule)).map(ruleAt),
      locks: locksModelled ? operations.flatMap((op) => locksOf(op, own)) : [],
      dataChanges: operations.some((op) => op.kind === "data_change"),
      notUnderstood: operations.some((op) => op.kind === "unknown") || (file.upgrade?.problems.length ?? 0) > 0,
      createsIndexes: operations.some((op) => op.kind === "create_index"),
    };
    return [migration];
  });
  const heads = mergeHeads(set, state);
  const judged = findings.filter((f) => newFiles.has(f.file));
  return { compared: true, set, base: state.base, mergeBase: state.mergeBase, added, locksModelled, heads, claims: claimsOf(set, added, heads, judged), findings: judged };
}

/** The lock the rules that reported on this operation say it takes: the strongest, when they differ. */
export function locksOf(op: Operation, findings: readonly Finding[]): LockAt[] {
  const said = findings.flatMap((f) => {
    const lock = within(f.range, op.range) ? LOCKS.get(f.rule)?.(op) : undefined;
    return lock ? [{ finding: f, lock }] : [];
  });
  const strongest = said.reduce<(typeof said)[number] | undefined>((a, b) => (a && strength(a.lock) >= strength(b.lock) ? a : b), undefined);
  if (!strongest) return [];
  const table = "table" in op && op.table ? displayName(op.table) : undefined;
  const rules = [...new Set(said.map((s) => s.finding.rule))];
  return [{ line: strongest.finding.range.start.line + 1, rules, lock: strongest.lock, ...(table ? { table } : {}), createsIndex: op.kind === "create_index" }];
}

const MODES: readonly TableLock["mode"][] = ["SHARE", "SHARE ROW EXCLUSIVE", "ACCESS EXCLUSIVE"];
const DURING: readonly TableLock["during"][] = ["brief", "index build", "scan", "rewrite"];

/** Orders locks by what they block, then by how long they are held. */
function strength(lock: TableLock): number {
  return MODES.indexOf(lock.mode) * DURING.length + DURING.indexOf(lock.during);
}

function ruleAt(f: Finding): RuleAt {
  return { rule: f.rule, line: f.range.start.line + 1 };
}

function within(inner: Range, outer: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/** A finding is the set's when it is on one of its migrations, their down files, its env.py or a file it could not read. */
function belongsTo(set: AnalyzedSet, file: string): boolean {
  return (
    set.files.some((f) => f.path === file) ||
    (set.spec.sql?.migrations ?? []).some((m) => m.downFile === file) ||
    set.env?.path === file ||
    (set.notText ?? []).some((n) => n.file === file)
  );
}
