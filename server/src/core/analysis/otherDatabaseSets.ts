import * as path from "node:path";
import type { RevisionFile } from "../alembic/revisionFile";
import type { OperationBlock } from "../schema/operations";
import type { SetInput } from "./analyzeSets";

/**
 * A SQL folder with migrations written for another database (ClickHouse engine clauses,
 * CockroachDB's `ALTER PRIMARY KEY`) is that database's: like a folder named after it, it is
 * listed and not judged. Its statements would otherwise all be read as PostgreSQL and reported.
 */
export function withOtherDatabase(input: SetInput): SetInput {
  const sql = input.spec.sql;
  if (!sql || sql.unsupported) return input;
  const marked = input.files.find((f) => f.otherDatabase);
  if (!marked?.otherDatabase) return input;
  const { database, written } = marked.otherDatabase;
  const because = `statements only ${database} takes: \`${written}\` in ${path.relative(input.spec.root, marked.path) || path.basename(marked.path)}`;
  return { ...input, spec: { ...input.spec, sql: { ...sql, unsupported: database, unsupportedBecause: because } }, files: input.files.map(unread) };
}

/** The migration as an unsupported set's are read: present, with nothing understood. */
function unread(file: RevisionFile): RevisionFile {
  const empty = (block: OperationBlock | undefined): OperationBlock | undefined => block && { ...block, operations: [], problems: [] };
  const upgrade = empty(file.upgrade);
  const downgrade = empty(file.downgrade);
  return { ...file, ...(upgrade ? { upgrade } : {}), ...(downgrade ? { downgrade } : {}) };
}
