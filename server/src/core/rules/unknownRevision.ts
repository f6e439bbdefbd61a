import type { IdRef, RevisionFile } from "../alembic/revisionFile";
import type { RevisionGraph } from "../graph/revisionGraph";
import type { Fix } from "../model/findings";
import type { Rule } from "./rule";
import { suggestRevision } from "./closestRevision";
import { definedOnBase } from "./mergeContext";

export const unknownRevision: Rule = {
  name: "unknown-revision",
  severity: "error",
  description: "`down_revision` or `depends_on` names a revision that no file in the set defines.",
  check(context) {
    const { graph } = context.set;
    const exists = (id: string): boolean => graph.definitions.has(id) || graph.labelOwners.has(id);
    for (const file of context.set.files) {
      if (namesOnlyKnown(file, graph, exists)) continue;
      const fields: [string, readonly IdRef[]][] = [
        ["down_revision", file.downRevision?.refs ?? []],
        ["depends_on", file.dependsOn?.refs ?? []],
      ];
      for (const [field, refs] of fields) {
        for (const ref of refs) {
          // A revision only the base has is parent-on-base's to report.
          if (exists(ref.id) || definedOnBase(context.set, ref.id)) continue;
          const suggestion = suggestRevision(context.set, ref.id, file.revision?.id);
          const written = file.text.slice(file.lines.offset(ref.range.start), file.lines.offset(ref.range.end));
          const fixes: Fix[] =
            suggestion && written === ref.id
              ? [{ title: `Replace '${ref.id}' with '${suggestion.id}' (${suggestion.reason})`, edits: [{ file: file.path, range: ref.range, newText: suggestion.id }] }]
              : [];
          const suggestedFile = suggestion && graph.nodes.get(suggestion.id)?.file;
          context.report({
            file: file.path,
            range: ref.range,
            message:
              `${field} names '${ref.id}', but no revision in this set has that id: Alembic stops with KeyError.` +
              (suggestion ? ` Did you mean '${suggestion.id}' (${suggestion.reason})?` : ""),
            related: suggestedFile ? [{ file: suggestedFile.path, range: suggestedFile.revision!.range, message: `'${suggestion.id}' is defined here` }] : [],
            fixes,
          });
        }
      }
    }
  },
};

/**
 * Whether every revision the file names is one the graph defines, kept per reading of a file and
 * the graph's ids (its order: a graph an edit only swapped a file in keeps it) and labels — most
 * files of a long history, asked on every edit.
 */
function namesOnlyKnown(file: RevisionFile, graph: RevisionGraph, exists: (id: string) => boolean): boolean {
  const kept = knownNames.get(file);
  if (kept && kept.ids === graph.order && kept.labels === graph.labelOwners) return kept.known;
  const known = [...(file.downRevision?.refs ?? []), ...(file.dependsOn?.refs ?? [])].every((ref) => exists(ref.id));
  knownNames.set(file, { ids: graph.order, labels: graph.labelOwners, known });
  return known;
}

const knownNames = new WeakMap<RevisionFile, { readonly ids: readonly string[]; readonly labels: RevisionGraph["labelOwners"]; readonly known: boolean }>();
