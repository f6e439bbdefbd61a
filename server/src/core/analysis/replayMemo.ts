import type { RevisionFile } from "../alembic/revisionFile";
import { setKey } from "../discovery/migrationSet";
import type { Finding } from "../model/findings";
import { neverCreatedCollector, type CollectorSnapshot, type NeverCreatedTable } from "../schema/neverCreated";
import { CannotResume, replaySteps, type ReplayCheckpoint, type ReplayStep } from "../schema/replay";
import type { Steps } from "../steps";
import { tableKey, type SchemaState } from "../schema/schemaState";
import { reachable } from "../graph/reachable";
import { confinedEdit } from "./confinedEdit";
import type { AnalysisOptions, AnalyzedSet } from "./analyzedSet";
import type { RevisionNode } from "../graph/revisionGraph";

/**
 * Where a replay keeps where it stood (an edit replays from the last one before it): every 32
 * revisions among the last 128 of the order, where a branch's new migrations are edited, and every
 * 256 before them (more apart past 8,000 revisions): each holds whole schemas, about 0.4 MB at
 * 5,000 revisions. Another is kept before the revision last edited (see replayFrom), so typing on
 * in it replays from there.
 */
function checkpointAt(revisions: number): (index: number) => boolean {
  const apart = 256 * Math.ceil(revisions / 8000);
  return (index) => {
    const back = revisions - index;
    return back > 0 && (back <= 128 ? back % 32 === 0 : back % apart === 0);
  };
}

/** What one replay of a set leaves for the next (kept by the language server, by set). */
export interface ReplayMemo {
  /** Everything outside the revisions themselves that the steps' judgments read. */
  readonly fingerprint: Fingerprint;
  readonly order: readonly string[];
  /** Each revision of the order as replayed: its file, its inputs and whether they were all known. */
  readonly nodes: readonly NodeInputs[];
  readonly checkpoints: readonly MemoCheckpoint[];
  /** What each revision's steps gave, by position in the order. */
  readonly findings: readonly (readonly Finding[])[];
  /** The tables the whole replay found never created. */
  readonly neverCreated: readonly NeverCreatedTable[];
}

interface MemoCheckpoint {
  readonly checkpoint: ReplayCheckpoint;
  readonly collector: CollectorSnapshot;
  /** Taken before the revision then edited, not at one of checkpointAt's places: kept only while that revision is the one edited. */
  readonly edited?: true;
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
 * When that revision's file is the only change and the edit is confined (see confinedEdit), the
 * replay also ends after it: what the revisions after it found stands.
 */
export function* replayDeclared(
  set: AnalyzedSet,
  initial: SchemaState,
  options: AnalysisOptions,
  judge: (step: ReplayStep, into: Finding[]) => void,
  memos: ReplayMemos | undefined,
): Steps<{ findings: Finding[]; neverCreated: readonly NeverCreatedTable[] }> {
  const order = set.graph.order;
  const nodes = order.map((id) => inputsOf(set.graph.nodes.get(id)!));
  const key = setKey(set.spec);
  const fingerprint = memos ? fingerprintOf(set, options) : NO_FINGERPRINT;
  const kept = memos?.get(key);
  const memo = kept && sameFingerprint(kept.fingerprint, fingerprint) && !namesMovedCreates(kept, nodes) ? kept : undefined;
  const same = memo ? samePrefix(memo, order, nodes) : 0;
  const from = memo ? [...memo.checkpoints].reverse().find((c) => c.checkpoint.index <= same) : undefined;
  const edited = memo && onlyFileChanged(memo, order, nodes, same) ? same : undefined;
  try {
    return yield* replayFrom(set, initial, judge, order, nodes, memos, key, fingerprint, memo, from, same, edited);
  } catch (error) {
    if (!(error instanceof CannotResume)) throw error;
    return yield* replayFrom(set, initial, judge, order, nodes, memos, key, fingerprint, undefined, undefined, same, undefined);
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
  fingerprint: Fingerprint,
  memo: ReplayMemo | undefined,
  from: MemoCheckpoint | undefined,
  changed: number,
  edited: number | undefined,
): Steps<{ findings: Finding[]; neverCreated: readonly NeverCreatedTable[] }> {
  const start = from?.checkpoint.index ?? 0;
  const position = positionsIn(order);
  // Before the start, the memo's own lists (only a revision replayed gets a new list to fill).
  const findings: (readonly Finding[])[] = order.map((_, i) => (i < start ? (memo?.findings[i] ?? []) : []));
  const collector = neverCreatedCollector(from?.collector);
  // Before the first revision that changed: kept, except one taken before a revision edited earlier.
  const checkpoints = [...(memo?.checkpoints ?? []).filter((c) => c.checkpoint.index <= start && (!c.edited || c.checkpoint.index === changed))];
  const at = checkpointAt(order.length);
  let before: { state: SchemaState; collector: CollectorSnapshot } | undefined;
  let confined: { tables: ReadonlySet<string>; state: SchemaState } | undefined;
  const was = edited !== undefined ? memo?.nodes[edited]?.file : undefined;
  yield* replaySteps(set, {
    initial,
    dialect: set.settings.dialect,
    onStep: (step) => {
      collector.onStep(step);
      judge(step, findings[position.get(step.revision)!] as Finding[]);
    },
    ...(from ? { resume: from.checkpoint } : {}),
    ...(memos
      ? {
          checkpoints: {
            at: (index: number) => at(index) || index === changed,
            take: (checkpoint: ReplayCheckpoint) => void checkpoints.push({ checkpoint, collector: collector.snapshot(), ...(at(checkpoint.index) ? {} : { edited: true as const }) }),
          },
        }
      : {}),
    ...(edited !== undefined && was
      ? {
          endAfter: {
            index: edited,
            before: (state: SchemaState) => void (before = { state, collector: collector.snapshot() }),
            after: (state: SchemaState) => {
              const tables = before && confinedEdit(set, order, edited, was, before, state, collector);
              if (tables) confined = { tables, state };
              return tables !== undefined;
            },
          },
        }
      : {}),
  });
  let neverCreated: readonly NeverCreatedTable[] = collector.tables();
  if (confined && memo && edited !== undefined) {
    for (let i = edited + 1; i < order.length; i++) findings[i] = memo.findings[i]!;
    checkpoints.push(...laterCheckpoints(set, memo.checkpoints, edited, confined));
    neverCreated = memo.neverCreated;
  }
  memos?.set(key, { fingerprint, order, nodes, checkpoints, findings, neverCreated });
  return { findings: findings.flat(), neverCreated };
}

/**
 * The last replay's checkpoints after a confined edit, with the edited tables as the edit leaves
 * them in every schema that descends from the edited revision (no later revision changed them).
 * A merge after the edit may have merged them with another side's: from there on, none is kept.
 */
function laterCheckpoints(set: AnalyzedSet, checkpoints: readonly MemoCheckpoint[], edited: number, confined: { readonly tables: ReadonlySet<string>; readonly state: SchemaState }): MemoCheckpoint[] {
  // The edit left the schema as it was (the downgrade, a comment below the operations): all stand.
  if (confined.tables.size === 0) return checkpoints.filter((c) => c.checkpoint.index > edited && !c.edited);
  const order = set.graph.order;
  const descendants = reachable(order[edited]!, (id) => {
    const node = set.graph.nodes.get(id);
    return node ? [...node.children, ...node.dependents] : [];
  });
  const patched = (state: SchemaState): SchemaState => {
    const copy = state.clone();
    for (const key of confined.tables) copy.tables.set(key, confined.state.tables.get(key)!);
    return copy;
  };
  const kept: MemoCheckpoint[] = [];
  let checked = edited + 1;
  for (const { checkpoint, collector, edited: before } of checkpoints) {
    if (checkpoint.index <= edited || before) continue;
    for (; checked < checkpoint.index; checked++) {
      const node = set.graph.nodes.get(order[checked]!);
      if (node && new Set([...node.parents, ...node.dependsOn]).size > 1) return kept;
    }
    const states = new Map([...checkpoint.states].map(([id, state]) => [id, descendants.has(id) ? patched(state) : state]));
    kept.push({ checkpoint: { ...checkpoint, states }, collector });
  }
  return kept;
}

/** Each revision's place in the order, by the order (a graph an edit only swapped a file in keeps it). */
const positions = new WeakMap<readonly string[], ReadonlyMap<string, number>>();

function positionsIn(order: readonly string[]): ReadonlyMap<string, number> {
  let position = positions.get(order);
  if (!position) positions.set(order, (position = new Map(order.map((id, i) => [id, i]))));
  return position;
}

/** Only the file of the revision at `index` changed since the memo's replay: the same order, and every other revision as it was. */
function onlyFileChanged(memo: ReplayMemo, order: readonly string[], nodes: readonly NodeInputs[], index: number): boolean {
  if (order.length !== memo.order.length || index >= order.length || order[index] !== memo.order[index] || !sameInputs(memo.nodes[index]!, nodes[index]!)) return false;
  for (let i = index + 1; i < order.length; i++) if (!asReplayed(memo, order, nodes, i)) return false;
  return true;
}

/** How many revisions, from the start of the order, are as the memo replayed them. */
function samePrefix(memo: ReplayMemo, order: readonly string[], nodes: readonly NodeInputs[]): number {
  const length = Math.min(order.length, memo.order.length);
  for (let i = 0; i < length; i++) if (!asReplayed(memo, order, nodes, i)) return i;
  return length;
}

/** The revision at `i` of the order is the one the memo replayed there, with the same file and inputs. */
function asReplayed(memo: ReplayMemo, order: readonly string[], nodes: readonly NodeInputs[], i: number): boolean {
  if (order[i] !== memo.order[i]) return false;
  const [was, is] = [memo.nodes[i]!, nodes[i]!];
  return was === is || (was.file === is.file && sameInputs(was, is));
}

/** Per graph node (a graph an edit swapped one file in keeps the others' nodes): unchanged revisions compare by identity. */
const inputsByNode = new WeakMap<RevisionNode, NodeInputs>();

function inputsOf(node: RevisionNode): NodeInputs {
  let inputs = inputsByNode.get(node);
  if (!inputs) inputsByNode.set(node, (inputs = { file: node.file, parents: node.parents, dependsOn: node.dependsOn, partial: node.partial }));
  return inputs;
}

function sameInputs(a: NodeInputs, b: NodeInputs): boolean {
  return a.partial === b.partial && sameList(a.parents, b.parents) && sameList(a.dependsOn, b.dependsOn);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * What the judgments read besides the revisions before them: the set's settings and where it
 * starts from (baseline, other sets' tables, declared packages, env.py, the configuration's text,
 * which fixes edit), and which tables each revision creates (table-not-found names one created on
 * another branch, even after the revision judged; see namesMovedCreates for where).
 */
function fingerprintOf(set: AnalyzedSet, options: AnalysisOptions): Fingerprint {
  const config = set.settings.configFile ? (options.host?.readFile(set.settings.configFile) ?? null) : null;
  return {
    context: JSON.stringify([set.spec, set.settings, set.baseline ?? null, set.siblingTables ?? [], set.declaredPackages ?? [], set.env?.text ?? null, set.notText ?? [], config]),
    // Kept per file reading: compared one by one, not written into one string for each analysis.
    creates: set.files.map((file) => createsOf(file).tables),
  };
}

interface Fingerprint {
  readonly context: string;
  readonly creates: readonly string[];
}

const NO_FINGERPRINT: Fingerprint = { context: "", creates: [] };

function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.context === b.context && sameList(a.creates, b.creates);
}

/**
 * Whether a finding of the last replay names where a table is created in a file whose CREATEs
 * moved since (table-not-found names the line of one created on another branch). Lines typed
 * above a CREATE move it: the findings that name it are judged again, not the whole history.
 */
function namesMovedCreates(memo: ReplayMemo, nodes: readonly NodeInputs[]): boolean {
  // In the same order (an edit that left every header as it was) the files pair up by position.
  const paired = nodes.length === memo.nodes.length && nodes.every((node, i) => node.file.path === memo.nodes[i]!.file.path);
  const was = paired ? undefined : new Map(memo.nodes.map((node) => [node.file.path, node.file]));
  const moved = new Set<string>();
  nodes.forEach(({ file }, i) => {
    const old = was ? was.get(file.path) : memo.nodes[i]!.file;
    if (old && old !== file && createsOf(old).where !== createsOf(file).where) moved.add(file.path);
  });
  return moved.size > 0 && memo.findings.some((found) => found.some((finding) => finding.related.some((related) => moved.has(related.file))));
}

/** Per reading of a file (an edit reads one afresh): the tables it creates, and where. */
const createsByFile = new WeakMap<RevisionFile, { readonly tables: string; readonly where: string }>();

function createsOf(file: RevisionFile): { readonly tables: string; readonly where: string } {
  let creates = createsByFile.get(file);
  if (creates === undefined) {
    const made = (file.upgrade?.operations ?? []).flatMap((op) => (op.kind === "create_table" ? [op] : []));
    creates = {
      tables: JSON.stringify([file.path, made.map((op) => tableKey(op.table))]),
      where: made.map((op) => `${op.range.start.line}:${op.range.start.character}`).join(" "),
    };
    createsByFile.set(file, creates);
  }
  return creates;
}
