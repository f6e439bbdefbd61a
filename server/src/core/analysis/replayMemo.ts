import type { RevisionFile } from "../alembic/revisionFile";
import { setKey } from "../discovery/migrationSet";
import type { Finding } from "../model/findings";
import { neverCreatedCollector, type CollectorSnapshot, type NeverCreatedTable } from "../schema/neverCreated";
import { CannotResume, replaySteps, type ReplayCheckpoint, type ReplayStep } from "../schema/replay";
import type { Steps } from "../steps";
import type { SchemaState } from "../schema/schemaState";
import { tableKey } from "../schema/schemaState";
import type { AnalysisOptions, AnalyzedSet } from "./analyzedSet";

/**
 * Where a replay keeps where it stood (an edit replays from the last one before it): 32, 64, 96
 * and 128 revisions before the end of the order, then 256, 512… — close together where a branch's
 * new migrations are edited, few in all (each holds whole schemas).
 */
function checkpointAt(revisions: number): (index: number) => boolean {
  return (index) => {
    const back = revisions - index;
    if (back <= 0 || back % 32 !== 0) return false;
    const steps = back / 32;
    return steps <= 4 || (steps & (steps - 1)) === 0;
  };
}

/** What one replay of a set leaves for the next (kept by the language server, by set). */
export interface ReplayMemo {
  /** Everything outside the revisions themselves that the steps' judgments read. */
  readonly fingerprint: string;
  readonly order: readonly string[];
  /** Each revision of the order as replayed: its file, its inputs and whether they were all known. */
  readonly nodes: readonly NodeInputs[];
  readonly checkpoints: readonly { readonly checkpoint: ReplayCheckpoint; readonly collector: CollectorSnapshot }[];
  /** What each revision's steps gave, by position in the order. */
  readonly findings: readonly (readonly Finding[])[];
}

export type ReplayMemos = Map<string, ReplayMemo>;

interface NodeInputs {
  readonly file: RevisionFile;
  readonly parents: readonly string[];
  readonly dependsOn: readonly string[];
  readonly partial: boolean;
}

/**
 * Replays the set from its declared initial schema, judging each step (`judge`) and finding the
 * tables never created. With `memos`, the revisions before the first one that changed since the
 * last replay (in order, file and inputs, with everything else the same) are not replayed again:
 * their findings are the last replay's, and the replay starts from the checkpoint before it.
 */
export function* replayDeclared(
  set: AnalyzedSet,
  initial: SchemaState,
  options: AnalysisOptions,
  judge: (step: ReplayStep, into: Finding[]) => void,
  memos: ReplayMemos | undefined,
): Steps<{ findings: Finding[]; neverCreated: NeverCreatedTable[] }> {
  const order = set.graph.order;
  const nodes = order.map((id): NodeInputs => {
    const node = set.graph.nodes.get(id)!;
    return { file: node.file, parents: node.parents, dependsOn: node.dependsOn, partial: node.partial };
  });
  const key = setKey(set.spec);
  const fingerprint = memos ? fingerprintOf(set, options) : "";
  const memo = memos?.get(key);
  const same = memo && memo.fingerprint === fingerprint ? samePrefix(memo, order, nodes) : 0;
  const from = memo ? [...memo.checkpoints].reverse().find((c) => c.checkpoint.index <= same) : undefined;
  try {
    return yield* replayFrom(set, initial, judge, order, nodes, memos, key, fingerprint, memo, from);
  } catch (error) {
    if (!(error instanceof CannotResume)) throw error;
    return yield* replayFrom(set, initial, judge, order, nodes, memos, key, fingerprint, undefined, undefined);
  }
}

function* replayFrom(
  set: AnalyzedSet,
  initial: SchemaState,
  judge: (step: ReplayStep, into: Finding[]) => void,
  order: readonly string[],
  nodes: readonly NodeInputs[],
  memos: ReplayMemos | undefined,
  key: string,
  fingerprint: string,
  memo: ReplayMemo | undefined,
  from: ReplayMemo["checkpoints"][number] | undefined,
): Steps<{ findings: Finding[]; neverCreated: NeverCreatedTable[] }> {
  const start = from?.checkpoint.index ?? 0;
  const position = new Map(order.map((id, i) => [id, i]));
  const findings: Finding[][] = order.map((_, i) => (i < start ? [...(memo?.findings[i] ?? [])] : []));
  const collector = neverCreatedCollector(from?.collector);
  const checkpoints = [...(memo?.checkpoints ?? []).filter((c) => c.checkpoint.index <= start)];
  yield* replaySteps(set, {
    initial,
    dialect: set.settings.dialect,
    onStep: (step) => {
      collector.onStep(step);
      judge(step, findings[position.get(step.revision)!]!);
    },
    ...(from ? { resume: from.checkpoint } : {}),
    ...(memos ? { checkpoints: { at: checkpointAt(order.length), take: (checkpoint: ReplayCheckpoint) => void checkpoints.push({ checkpoint, collector: collector.snapshot() }) } } : {}),
  });
  memos?.set(key, { fingerprint, order, nodes, checkpoints, findings });
  return { findings: findings.flat(), neverCreated: collector.tables() };
}

/** How many revisions, from the start of the order, are as the memo replayed them. */
function samePrefix(memo: ReplayMemo, order: readonly string[], nodes: readonly NodeInputs[]): number {
  const length = Math.min(order.length, memo.order.length);
  for (let i = 0; i < length; i++) {
    const was = memo.nodes[i]!;
    const now = nodes[i]!;
    if (order[i] !== memo.order[i] || was.file !== now.file || was.partial !== now.partial || !sameList(was.parents, now.parents) || !sameList(was.dependsOn, now.dependsOn)) return i;
  }
  return length;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * What the judgments read besides the revisions before them: the set's settings and where it
 * starts from (baseline, other sets' tables, declared packages, env.py, the configuration's text,
 * which fixes edit), and every table any revision creates (table-not-found names one created on
 * another branch, even after the revision judged).
 */
function fingerprintOf(set: AnalyzedSet, options: AnalysisOptions): string {
  const creates = set.files.map((file) => [
    file.path,
    (file.upgrade?.operations ?? []).flatMap((op) => (op.kind === "create_table" ? [`${tableKey(op.table)}@${op.range.start.line}:${op.range.start.character}`] : [])),
  ]);
  const config = set.settings.configFile ? (options.host?.readFile(set.settings.configFile) ?? null) : null;
  return JSON.stringify([set.spec, set.settings, set.baseline ?? null, set.siblingTables ?? [], set.declaredPackages ?? [], set.env?.text ?? null, set.notText ?? [], config, creates]);
}
