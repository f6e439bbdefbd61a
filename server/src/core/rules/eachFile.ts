import type { RevisionFile } from "../alembic/revisionFile";
import type { ReportInput, RuleContext } from "./rule";

/**
 * A rule's check that judges each file on its own: what it reports in a file depends only on that
 * file and on `inputs` (what else it reads, compared by identity). An edit gives the edited file a
 * new reading and leaves every other file's as it was, so between analyses only the files read
 * afresh are judged again — not a whole long history on every keystroke.
 */
export function eachFile(judge: (file: RevisionFile, context: RuleContext) => void, inputs: (context: RuleContext) => readonly unknown[] = () => []): (context: RuleContext) => void {
  const kept = new WeakMap<RevisionFile, { readonly inputs: readonly unknown[]; readonly reports: readonly ReportInput[] }>();
  return (context) => {
    // Messages show paths relative to the set's root: a file two sets share is judged for each.
    const now = [context.set.spec.root, ...inputs(context)];
    for (const file of context.set.files) {
      let entry = kept.get(file);
      if (!entry || entry.inputs.length !== now.length || entry.inputs.some((input, i) => input !== now[i])) {
        const reports: ReportInput[] = [];
        judge(file, { ...context, report: (input) => void reports.push(input) });
        entry = { inputs: now, reports };
        kept.set(file, entry);
      }
      for (const input of entry.reports) context.report(input);
    }
  };
}
