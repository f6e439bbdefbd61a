import type { AnalysisResult } from "../analysis/analyzeSets";

/**
 * What was judged, said once per distinct case: the migrations a branch adds against its base,
 * or every migration and why (outside git, no base found, `scope = "all"`).
 */
export function branchSummaryLines(result: AnalysisResult): string[] {
  const lines = new Set<string>();
  for (const set of result.sets) {
    const branch = set.branch;
    if (set.settings.scope === "all") lines.add("Every migration judged (scope = all).");
    else if (!branch) continue;
    else if (!branch.state.available) lines.add(`Every migration judged: ${branch.state.reason}.`);
    else {
      const count = newRevisionCount(set);
      lines.add(
        `Branch adds ${count} migration(s) since it forked from ${branch.state.base} (${branch.state.mergeBase.slice(0, 7)}): only they are judged for safety; the whole history for integrity.`,
      );
    }
  }
  return [...lines];
}

/** Migrations (not down files) of a set that its branch adds or changes. */
export function newRevisionCount(set: AnalysisResult["sets"][number]): number {
  const branch = set.branch;
  if (!branch?.state.available) return 0;
  return set.files.filter((f) => branch.newFiles.has(f.path)).length;
}
