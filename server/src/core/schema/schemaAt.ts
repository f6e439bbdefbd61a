import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Position } from "../model/positions";
import { initialSchemaOf } from "./initialSchema";
import { knownNeverCreated, rememberNeverCreated } from "./neverCreated";
import { ancestorsOf, replaySchema } from "./replay";
import type { SchemaState } from "./schemaState";

/** The schema after a revision (its ancestors replayed), or just before a position inside it. */
export function schemaAt(set: AnalyzedSet, revision: string, before?: Position): SchemaState {
  // Only the revision itself is replayed, from where its parents leave the schema.
  return replaySchema(set, {
    initial: startOf(set, revision),
    only: new Set([revision]),
    stopAt: { revision, line: before?.line ?? Number.MAX_SAFE_INTEGER, character: before?.character ?? 0 },
  });
}

/** The schema each revision starts from, per analysed set: hovers in one revision replay its ancestors once. */
const starts = new WeakMap<AnalyzedSet, Map<string, SchemaState>>();

/** Where a revision's parents (and dependencies) leave the schema, before its first operation. */
function startOf(set: AnalyzedSet, revision: string): SchemaState {
  let known = starts.get(set);
  if (!known) starts.set(set, (known = new Map()));
  let start = known.get(revision);
  if (!start) {
    start = replaySchema(set, { initial: initialSchemaOf(set), only: ancestorsOf(set, revision), stopAt: { revision, line: -1, character: 0 } });
    known.set(revision, start);
  }
  return start;
}

/** The schema with every head applied: the union of what each branch leaves. */
export function schemaAtHeads(set: AnalyzedSet): SchemaState {
  const heads = new Set(set.graph.heads);
  const states: SchemaState[] = [];
  const last = replaySchema(set, {
    initial: initialSchemaOf(set),
    onRevision: (id, state) => {
      if (heads.has(id)) states.push(state.clone());
    },
  });
  const [first, ...rest] = states;
  if (!first) return last;
  for (const other of rest) first.mergeFrom(other);
  return first;
}

/**
 * A set read afresh in part (see withReadings) answers from the last analysis's replay: the
 * schema each revision starts from, and the tables never created, are taken over as they were.
 */
export function carryReplay(from: AnalyzedSet, to: AnalyzedSet): void {
  const known = starts.get(from);
  if (known) starts.set(to, known);
  const never = knownNeverCreated(from);
  if (never) rememberNeverCreated(to, never);
}
