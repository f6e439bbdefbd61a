import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { RevisionFile } from "../alembic/revisionFile";
import { alembicScript } from "./alembicScript";
import { sqlDowngradeScript, sqlUpgradeScript, type RevisionScript } from "./revisionScript";

/** What `verify` sends to PostgreSQL for one direction of a revision: SQL as written, Alembic rendered. */
export function revisionScript(set: AnalyzedSet, file: RevisionFile, direction: "upgrade" | "downgrade", read: (path: string) => string | undefined): RevisionScript {
  if (set.spec.kind === "alembic") return alembicScript(file, direction);
  // A migration in a PostgreSQL folder that holds another database's statements is not sent.
  if (file.otherDatabase) return { statements: [], notVerifiable: [{ file: file.path, range: file.otherDatabase.range, reason: `it is written for ${file.otherDatabase.database} (${file.otherDatabase.written})` }] };
  if (direction === "upgrade") return sqlUpgradeScript(file);
  return sqlDowngradeScript(file, read) ?? { statements: [], notVerifiable: [] };
}
