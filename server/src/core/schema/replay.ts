import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { RevisionFile } from "../alembic/revisionFile";
import type { Operation } from "./operations";
import type { SqlDialect } from "./sqlContract";
import { applyOperation } from "./applyOperation";
import { SchemaState, tableKey, type Provenance } from "./schemaState";
import { foreignKeyTargets, requiredTable } from "./requiredTable";
import { reachable } from "../graph/reachable";
import type { RevisionGraph } from "../graph/revisionGraph";
import { AncestorBits } from "../graph/ancestorBits";
import { runSteps, type Steps } from "../steps";
import { ForkableMap } from "./forkableMap";

/** One step of the replay, seen before it is applied. */
export interface ReplayStep {
  readonly op: Operation;
  /** The schema just before this operation (do not change it). */
  readonly before: SchemaState;
  readonly revision: string;
  readonly file: RevisionFile;
  /** Tables created earlier in the same migration: nothing done to them there is unsafe. */
  readonly newTables: ReadonlySet<string>;
  readonly dialect: SqlDialect;
}

export interface ReplayOptions {
  readonly dialect?: SqlDialect;
  /** The schema before the first migration: external tables and the baseline. */
  readonly initial: SchemaState;
  /** Only these revisions are replayed (ancestors of a target); all when absent. */
  readonly only?: ReadonlySet<string>;
  readonly onStep?: (step: ReplayStep) => void;
  /** Stop inside this revision before the operation that starts at or after this offset. */
  readonly stopAt?: { readonly revision: string; readonly line: number; readonly character: number };
  /** Receives the schema after each revision (the same object may be reused afterwards: clone to keep). */
  readonly onRevision?: (revision: string, state: SchemaState) => void;
  /** Starts where an earlier replay of the same history left this checkpoint (see ReplayCheckpoint). */
  readonly resume?: ReplayCheckpoint;
  /**
   * Around the revision at `index` of the order: `before` gets a copy of the schema before it,
   * `after` the schema after it, and ends the replay there when it says what follows is known.
   */
  readonly endAfter?: { readonly index: number; before(state: SchemaState): void; after(state: SchemaState): boolean };
  /** Takes a checkpoint before the revisions of the order at the positions `at` says, and hands it over. */
  readonly checkpoints?: { readonly at: (index: number) => boolean; readonly take: (checkpoint: ReplayCheckpoint) => void };
}

/**
 * Where a replay stood before the revision at `index` of the order: the schemas revisions still
 * to come will read, and which revisions each had run. A later replay of a history whose order
 * and files are the same up to `index` starts from it instead of the start. (Resumed, a replay
 * returns the schema after the last revision of the order, which comes after the checkpoint.)
 */
export interface ReplayCheckpoint {
  readonly index: number;
  readonly states: ReadonlyMap<string, SchemaState>;
  readonly ran: ReadonlyMap<string, Uint32Array>;
}

/** The checkpoint lacks a schema the history as it is now reads (its graph changed before the checkpoint's end). */
export class CannotResume extends Error {}

/**
 * Replays upgrades along the graph in topological order. A revision starts from the union of
 * its parents' (and dependencies') schemas; a parent's schema is kept only until its last child
 * has taken it, so a long linear history holds one schema at a time.
 */
export function replaySchema(set: AnalyzedSet, options: ReplayOptions): SchemaState {
  return runSteps(replaySteps(set, options));
}

/** replaySchema, pausing after each revision. */
export function* replaySteps(set: AnalyzedSet, options: ReplayOptions): Steps<SchemaState> {
  const { graph } = set;
  const { order, inputs, position } = options.only ? replayShape(graph, options.only) : wholeReplayShape(graph);
  const start = options.resume?.index ?? 0;
  // How many revisions still to replay read each schema (one replayed before a checkpoint read its inputs there).
  const consumers = new Map<string, number>();
  for (let index = start; index < order.length; index++) for (const input of inputs(order[index]!)) consumers.set(input, (consumers.get(input) ?? 0) + 1);

  const ran = new AncestorBits(position, order.length, consumers);
  const states = new Map<string, SchemaState>();
  const take = (input: string): SchemaState | undefined => {
    const state = states.get(input);
    if (!state) return undefined;
    const left = (consumers.get(input) ?? 1) - 1;
    consumers.set(input, left);
    if (left > 0) return state.clone();
    states.delete(input);
    return state;
  };

  let last = options.initial.clone();
  const resume = options.resume;
  if (resume) {
    for (const id of order.slice(0, start)) {
      if ((consumers.get(id) ?? 0) <= 0) continue;
      const kept = resume.states.get(id);
      if (!kept) throw new CannotResume(`no schema kept for ${id}`);
      states.set(id, kept.clone());
    }
    ran.restore(resume.ran);
  }
  for (let index = start; index < order.length; index++) {
    const id = order[index]!;
    if (options.checkpoints && index > start && options.checkpoints.at(index)) {
      options.checkpoints!.take({ index, states: new Map([...states].map(([key, state]) => [key, state.clone()])), ran: ran.snapshot() });
    }
    const node = graph.nodes.get(id);
    if (!node) continue;
    const parentIds = inputs(id);
    const parentStates = parentIds.map(take).filter((s): s is SchemaState => s !== undefined);
    const state = parentStates[0] ?? options.initial.clone();
    if (parentStates.length > 1) {
      // Which revisions each side ran: a column one side created and the other no longer has was dropped there.
      const mine = ran.of(parentIds[0]!);
      parentStates.slice(1).forEach((other, i) => {
        const theirs = ran.of(parentIds[i + 1]!);
        state.mergeFrom(other, { mine: (r) => ran.has(mine, r), theirs: (r) => ran.has(theirs, r) });
        AncestorBits.union(mine, theirs);
      });
    }
    ran.add(id, parentIds);
    for (const input of parentIds) ran.release(input);
    // A parent that names nothing (or cannot be read) leaves a gap in the history before this revision.
    const written = node.file.downRevision?.refs.length ?? 0;
    if (node.partial || written > node.parents.length || (node.file.dependsOn?.refs.length ?? 0) > node.dependsOn.length) state.incomplete = true;

    const endAfter = options.endAfter?.index === index ? options.endAfter : undefined;
    endAfter?.before(state.clone());
    if (!applyUpgrade(state, id, node.file, options)) return state;
    options.onRevision?.(id, state);
    if (options.stopAt?.revision === id) return state;
    if ((consumers.get(id) ?? 0) > 0) states.set(id, state);
    last = state;
    if (endAfter?.after(state)) return state;
    yield;
  }
  return last;
}

/**
 * Applies one revision's upgrade to `state`, each operation seen first by `onStep`. False when it
 * stopped at `stopAt` before the end of the revision.
 */
export function applyUpgrade(state: SchemaState, id: string, file: RevisionFile, options: Pick<ReplayOptions, "dialect" | "onStep" | "stopAt">): boolean {
  const newTables = new Set<string>();
  for (const op of file.upgrade?.operations ?? []) {
    const stop = options.stopAt;
    if (stop && stop.revision === id && (op.range.start.line > stop.line || (op.range.start.line === stop.line && op.range.start.character >= stop.character))) {
      return false;
    }
    options.onStep?.({ op, before: state, revision: id, file, newTables, dialect: options.dialect ?? "postgresql" });
    // A CREATE that did nothing (the table was there already) does not make the table new.
    const existing = op.kind === "create_table" ? state.tables.get(tableKey(op.table)) : undefined;
    const created =
      op.kind === "create_table" && (!existing || existing.assumed === true || existing.sibling === true || existing.maybe === true || existing.providedBy !== undefined);
    const at = { revision: id, file: file.path, range: op.range };
    assumeMissingTable(state, op, at);
    applyOperation(state, op, at, options.dialect);
    if (created) newTables.add(tableKey(op.table));
    if (op.kind === "rename_table" && newTables.has(tableKey(op.table))) newTables.add(tableKey({ ...op.table, name: op.newName }));
  }
  // Temporary tables end with the migration's session.
  for (const op of file.upgrade?.operations ?? []) {
    if (op.kind === "create_table" && op.temporary && state.table(op.table)?.created.range === op.range) state.tables.delete(tableKey(op.table));
  }
  return true;
}

/** The revisions a replay runs, in order, what each reads (parents and dependencies, once each) and where each stands. */
interface ReplayShape {
  readonly order: readonly string[];
  inputs(id: string): readonly string[];
  readonly position: ReadonlyMap<string, number>;
}

function replayShape(graph: RevisionGraph, only: ReadonlySet<string> | undefined): ReplayShape {
  const order = graph.order.filter((id) => !only || only.has(id));
  const inputs = new Map<string, readonly string[]>();
  for (const id of order) {
    const node = graph.nodes.get(id);
    if (node) inputs.set(id, [...new Set([...node.parents, ...node.dependsOn])].filter((p) => !only || only.has(p)));
  }
  return { order, inputs: (id) => inputs.get(id) ?? [], position: new Map(order.map((id, i) => [id, i])) };
}

/**
 * By the graph's order: a graph that only swapped files in (an edit that left every header as it
 * was) keeps its order and parents, and a long history's shape is not worked out on every edit.
 */
const wholeShapes = new WeakMap<readonly string[], ReplayShape>();

function wholeReplayShape(graph: RevisionGraph): ReplayShape {
  let shape = wholeShapes.get(graph.order);
  if (!shape) wholeShapes.set(graph.order, (shape = replayShape(graph, undefined)));
  return shape;
}

/** The revision and its ancestors (through down_revision and depends_on). */
export function ancestorsOf(set: AnalyzedSet, revision: string): Set<string> {
  return reachable(revision, (id) => {
    const node = set.graph.nodes.get(id);
    return node ? [...node.parents, ...node.dependsOn] : [];
  });
}

/**
 * A table used but never created is reported once (table-not-found), then taken to exist with
 * unknown columns, so one missing CREATE does not produce an error on every later operation.
 */
function assumeMissingTable(state: SchemaState, op: Operation, at: Provenance): void {
  if (op.guarded || op.tableGuarded) return;
  const required = requiredTable(op);
  const tables = [...(required && op.kind !== "drop_table" ? [required] : []), ...foreignKeyTargets(op).map((t) => t.table)];
  for (const table of tables) {
    const key = tableKey(table);
    if (state.tables.has(key) || state.views.has(key) || state.dropped.has(key)) continue;
    if (op.kind === "create_table" && tableKey(op.table) === key) continue;
    state.put(key, { name: table, columns: new ForkableMap(), indexes: [], constraints: [], external: false, columnsKnown: false, assumed: true, created: at, changed: at });
  }
}
