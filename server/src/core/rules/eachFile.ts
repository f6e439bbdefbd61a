import type { RevisionFile } from "../alembic/revisionFile";
import type { ReportInput, RuleContext } from "./rule";

/**
 * A rule's check that judges each file on its own: what it reports in a file depends only on that
 * file and on `inputs` (what else it reads, compared by identity). An edit gives the edited file a
 * new reading and leaves every other file's as it was, so between analyses only the files read
 * afresh are judged again — not a whole long history on every keystroke.
 */
export function eachFile(judge: (file: RevisionFile, context: RuleContext) => void, inputs: (context: RuleContext) => readonly unknown[] = () => []): (context: RuleContext) => void {
  const kept = new WeakMap<RevisionFile, Judged>();
  // The last check's files, in order, with what each gave: the next check, an edit later, finds
  // nearly every file at the same place and takes its reports without a lookup.
  let last: { readonly files: readonly RevisionFile[]; readonly inputs: readonly unknown[]; readonly reports: readonly (readonly ReportInput[])[] } | undefined;
  return (context) => {
    // Messages show paths relative to the set's root: a file two sets share is judged for each.
    const given = [context.set.spec.root, ...inputs(context)];
    const now = last && sameInputs(given, last.inputs) ? last.inputs : given;
    const previous = last?.inputs === now ? last.files : [];
    const files = context.set.files;
    const reports: (readonly ReportInput[])[] = new Array(files.length);
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      let judged = previous[i] === file ? last!.reports[i]! : undefined;
      if (!judged) {
        let entry = kept.get(file);
        if (!entry || (entry.inputs !== now && !sameInputs(entry.inputs, now))) {
          const found: ReportInput[] = [];
          judge(file, { ...context, report: (input) => void found.push(input) });
          entry = { inputs: now, reports: found };
          kept.set(file, entry);
        }
        judged = entry.reports;
      }
      reports[i] = judged;
      for (const input of judged) context.report(input);
    }
    last = { files, inputs: now, reports };
  };
}

interface Judged {
  readonly inputs: readonly unknown[];
  readonly reports: readonly ReportInput[];
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
