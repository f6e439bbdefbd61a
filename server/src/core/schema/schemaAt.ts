import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Position } from "../model/positions";
import { initialSchemaOf } from "./initialSchema";
import { ancestorsOf, replaySchema } from "./replay";
import type { SchemaState } from "./schemaState";

/** The schema after a revision (its ancestors replayed), or just before a position inside it. */
export function schemaAt(set: AnalyzedSet, revision: string, before?: Position): SchemaState {
  return replaySchema(set, {
    initial: initialSchemaOf(set),
    only: ancestorsOf(set, revision),
    stopAt: { revision, line: before?.line ?? Number.MAX_SAFE_INTEGER, character: before?.character ?? 0 },
  });
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
