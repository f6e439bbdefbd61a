import type { ProblemCounts } from "../../server/src/protocol";
import { count } from "./count";

/**
 * Our problems as the Problems panel counts them: every diagnostic the server published, of
 * every severity, in revision files and beside them (alembic.ini, .migration-lens.toml).
 */
export function problemTotal(summary: ProblemCounts): number {
  return summary.errors + summary.warnings + summary.infos;
}

export function sumProblems(list: readonly ProblemCounts[]): ProblemCounts {
  return list.reduce((sum, c) => ({ errors: sum.errors + c.errors, warnings: sum.warnings + c.warnings, infos: sum.infos + c.infos }), { errors: 0, warnings: 0, infos: 0 });
}

/** `2 errors, 1 warning, 0 infos` */
export function problemBreakdown(summary: ProblemCounts): string {
  return `${count(summary.errors, "error")}, ${count(summary.warnings, "warning")}, ${count(summary.infos, "info")}`;
}

/** The Migrations view's badge: the same total as the Problems panel, and a tooltip that says so. */
export function viewBadge(summary: ProblemCounts | undefined): { readonly value: number; readonly tooltip: string } | undefined {
  const total = summary ? problemTotal(summary) : 0;
  if (!summary || total === 0) return undefined;
  return { value: total, tooltip: `${count(total, "Migration Lens problem")} in the Problems panel: ${problemBreakdown(summary)}` };
}
