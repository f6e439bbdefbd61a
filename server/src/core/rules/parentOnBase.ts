import type { IdRef } from "../alembic/revisionFile";
import { definedOnBase, repoPath } from "./mergeContext";
import type { Rule } from "./rule";

export const parentOnBase: Rule = {
  name: "parent-on-base",
  severity: "info",
  description:
    "`down_revision` or `depends_on` names a revision that only the base has (it came after this branch forked): the merge brings it in; until then `alembic upgrade` in this checkout cannot find it.",
  check(context) {
    const { set } = context;
    const state = set.branch?.state;
    if (!state?.available) return;
    for (const file of set.files) {
      const refs: IdRef[] = [...(file.downRevision?.refs ?? []), ...(file.dependsOn?.refs ?? [])];
      for (const ref of refs) {
        if (set.graph.resolve(ref.id) !== undefined) continue;
        const baseFile = definedOnBase(set, ref.id);
        if (!baseFile) continue;
        context.report({
          file: file.path,
          range: ref.range,
          message: `'${ref.id}' is on ${state.base} (${repoPath(state, baseFile)}) but not on this branch yet: after the merge the history is whole; until ${state.base} is merged or rebased in, \`alembic upgrade\` in this checkout stops with KeyError.`,
        });
      }
    }
  },
};
