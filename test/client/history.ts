import type { RevisionSummary, SetSummary } from "../../server/src/protocol";

/** A revision written briefly: its parents, and what else a test cares about. */
export interface Rev {
  readonly id: string;
  readonly parents?: readonly string[];
  readonly missing?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly labels?: readonly string[];
  readonly errors?: number;
  readonly warnings?: number;
  readonly message?: string;
}

/**
 * RevisionSummary objects as the server reports them (newest first), with children, heads, bases,
 * merge and branch points worked out from the parents. Oldest first in, newest first out.
 */
export function history(revs: readonly Rev[]): RevisionSummary[] {
  const ids = new Set(revs.map((r) => r.id));
  const children = new Map<string, string[]>();
  for (const r of revs) {
    for (const p of r.parents ?? []) if (ids.has(p)) children.set(p, [...(children.get(p) ?? []), r.id]);
  }
  return revs
    .map((r): RevisionSummary => {
      const parents = [...(r.parents ?? []), ...(r.missing ?? [])];
      const kids = children.get(r.id) ?? [];
      return {
        id: r.id,
        file: `/project/alembic/versions/${r.id}.py`,
        line: 12,
        message: r.message ?? `revision ${r.id}`,
        createDate: "2024-01-01 10:00:00",
        parents,
        missingParents: r.missing ?? [],
        children: kids,
        dependsOn: r.dependsOn ?? [],
        declaredLabels: r.labels ?? [],
        labels: r.labels ?? [],
        isHead: kids.length === 0,
        isBase: parents.length === 0,
        isMergePoint: parents.length > 1,
        isBranchPoint: kids.length > 1,
        isNew: false,
        errors: r.errors ?? 0,
        warnings: r.warnings ?? 0,
      };
    })
    .reverse();
}

export function setOf(revs: readonly Rev[]): SetSummary {
  const revisions = history(revs);
  return {
    kind: "alembic",
    root: "/project/alembic",
    configFile: "/project/alembic.ini",
    revisions,
    heads: revisions.filter((r) => r.isHead).map((r) => r.id),
    competingHeads: [],
    bases: revisions.filter((r) => r.isBase).map((r) => r.id),
    problems: { errors: revisions.reduce((n, r) => n + r.errors, 0), warnings: revisions.reduce((n, r) => n + r.warnings, 0), infos: 0 },
  };
}

/** A chain of `n` revisions `${prefix}0 … ${prefix}{n-1}` after `after`. */
export function chain(prefix: string, n: number, after?: string): Rev[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, parents: i === 0 ? (after ? [after] : []) : [`${prefix}${i - 1}`] }));
}
