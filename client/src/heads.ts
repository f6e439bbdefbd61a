import type { SetSummary } from "../../server/src/protocol";

/**
 * Heads that stand on the same branch, in groups of two or more: they share a branch label, or
 * none has one (heads of distinct labelled branches are meant to live side by side). The server
 * reports `multiple-heads` by the same reading; the status bar uses it to choose its colour.
 */
export function competingHeads(set: SetSummary): string[][] {
  const labelsOf = new Map(set.revisions.map((r) => [r.id, new Set(r.labels)]));
  const groups: string[][] = [];
  const grouped = new Set<string>();
  for (const head of set.heads) {
    if (grouped.has(head)) continue;
    const mine = labelsOf.get(head) ?? new Set<string>();
    const group = set.heads.filter((other) => {
      if (other === head) return true;
      if (grouped.has(other)) return false;
      const theirs = labelsOf.get(other) ?? new Set<string>();
      return mine.size === 0 && theirs.size === 0 ? true : [...mine].some((l) => theirs.has(l));
    });
    if (group.length > 1) {
      groups.push(group);
      for (const id of group) grouped.add(id);
    }
  }
  return groups;
}
