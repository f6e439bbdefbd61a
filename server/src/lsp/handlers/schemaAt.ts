import * as path from "node:path";
import { ResponseError } from "vscode-languageserver";
import type { SchemaAtParams } from "../../protocol";
import { renderDdl } from "../../core/schema/renderDdl";
import { schemaAt as replayTo } from "../../core/schema/schemaAt";
import type { Session } from "../session";
import { setHeading } from "../../core/discovery/migrationSet";

/** The replayed schema of a set after a revision, as DDL for a read-only document. */
export function schemaAt(session: Session, params: SchemaAtParams): { ddl: string } | ResponseError<void> {
  const set = session.current().sets.find((s) => s.spec.root === params.root);
  if (!set) return new ResponseError(1, `No migration set at ${params.root}.`);
  const revision = set.graph.resolve(params.revision);
  if (!revision) return new ResponseError(1, `The set has no revision '${params.revision}'.`);
  const root = path.dirname(set.spec.root);
  return { ddl: renderDdl(replayTo(set, revision), `Schema of ${setHeading(set.spec, path.relative(root, set.spec.root) || set.spec.root)} after revision ${revision}`, root) };
}
