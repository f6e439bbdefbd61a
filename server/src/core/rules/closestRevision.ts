import * as path from "node:path";
import type { AnalyzedSet } from "../analysis/analyzedSet";

/** What an unknown reference most likely meant, and why. */
export interface Suggestion {
  readonly id: string;
  readonly reason: string;
}

/**
 * A file name written where an id belongs resolves to the id that file defines; otherwise the
 * existing id nearest by edit distance, if it is near enough to be a typo.
 */
export function suggestRevision(set: AnalyzedSet, written: string, exclude: string | undefined): Suggestion | undefined {
  // A file name, or the numbered prefix of one (`0007` for 0007_add_index.py), written as the id.
  const stem = written.replace(/\.py$/, "");
  const byName = (matches: (name: string) => boolean): Suggestion[] =>
    set.files.flatMap((file) => {
      const id = file.revision?.id;
      const name = path.basename(file.path, ".py");
      return id && id !== exclude && set.graph.nodes.has(id) && matches(name) ? [{ id, reason: `the revision defined in ${path.basename(file.path)}` }] : [];
    });
  const exact = byName((name) => name === stem);
  if (exact[0]) return exact[0];
  const prefixed = byName((name) => name.startsWith(`${stem}_`));
  if (prefixed.length === 1) return prefixed[0];
  let best: { id: string; distance: number } | undefined;
  for (const id of set.graph.nodes.keys()) {
    if (id === exclude) continue;
    const distance = editDistance(written.toLowerCase(), id.toLowerCase());
    if (!best || distance < best.distance || (distance === best.distance && id < best.id)) best = { id, distance };
  }
  if (!best) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(written.length, best.id.length) / 3));
  if (best.distance > limit && !best.id.startsWith(written) && !written.startsWith(best.id)) return undefined;
  return { id: best.id, reason: "the closest existing revision id" };
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
