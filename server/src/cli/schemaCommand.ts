import * as path from "node:path";
import type { AnalysisResult } from "../core/analysis/analyzeSets";
import { renderDdl } from "../core/schema/renderDdl";
import { schemaAt, schemaAtHeads } from "../core/schema/schemaAt";
import { initialSchemaOf } from "../core/schema/initialSchema";
import { setHeading } from "../core/discovery/migrationSet";

/** `migration-lens schema [--at REV|head|base]`: the replayed schema of each set (or of the set holding REV) as DDL. */
export function schemaCommand(result: AnalysisResult, at: string | undefined, cwd: string): { output: string; error?: string } {
  const out: string[] = [];
  for (const set of result.sets) {
    const root = setHeading(set.spec, path.relative(cwd, set.spec.root) || ".");
    // As Alembic reads them: `base` is before any revision, `head` / `heads` after all of them.
    if (at === "base") {
      out.push(renderDdl(initialSchemaOf(set), `Schema of ${root} at base (before any revision)`, cwd));
    } else if (at !== undefined && at !== "head" && at !== "heads") {
      const revision = set.graph.resolve(at) ?? [...set.graph.nodes.keys()].find((id) => id.startsWith(at));
      if (!revision) continue;
      out.push(renderDdl(schemaAt(set, revision), `Schema of ${root} after revision ${revision}`, cwd));
    } else {
      out.push(renderDdl(schemaAtHeads(set), `Schema of ${root} at its head(s): ${set.graph.heads.join(", ") || "none"}`, cwd));
    }
  }
  if (at !== undefined && out.length === 0) return { output: "", error: `no migration set has a revision '${at}'` };
  return { output: out.join("\n") };
}
