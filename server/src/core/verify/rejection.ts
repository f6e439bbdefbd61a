import type { Finding, RelatedLocation } from "../model/findings";
import { comparePositions, type Range } from "../model/positions";
import type { DatabaseError } from "./database";
import type { NotVerifiable, ScriptStatement } from "./revisionScript";
import { verifyFinding } from "./verifyFindings";

/** PostgreSQL's refusal; after statements that were not verified, it may follow from them, so it is not claimed. */
export function rejection(statement: ScriptStatement, error: DatabaseError, direction: string, skipped: readonly NotVerifiable[], findings: readonly Finding[], outside: ReadonlySet<string>, conventionUnknown: boolean): Finding {
  const range = at(statement, error);
  const when = direction === "upgrade" ? "" : ` (${direction}, in --roundtrip)`;
  // --roundtrip runs a downgrade inside a transaction it rolls back: CONCURRENTLY and the like cannot run there.
  if (direction !== "upgrade" && /cannot (run|be executed) inside a transaction block/.test(error.message)) {
    return verifyFinding("not-verified", statement.file, range, `Not verified${when}: PostgreSQL runs this statement only outside a transaction (${error.message}), and --roundtrip runs the downgrade inside one it rolls back.`);
  }
  // Roles (and other cluster-wide objects) outlive the database: an earlier set or run made it.
  if (/^role "[^"]+" already exists/.test(error.message)) {
    return verifyFinding("not-verified", statement.file, range, `Not verified from here on: PostgreSQL says "${error.message}": roles belong to the server, not to the database, and an earlier set or run created it.`);
  }
  const schemaSkips = skipped.filter((item) => item.changesSchema !== false);
  const last = schemaSkips[schemaSkips.length - 1];
  if (last) {
    const related: RelatedLocation[] = [{ file: last.file, range: last.range, message: `not verified: ${last.reason}` }];
    return verifyFinding("not-verified", statement.file, range, `Not verified from here on: PostgreSQL rejects this statement${when} (${error.message}), which may follow from ${schemaSkips.length} statement(s) not verified before it.`, related);
  }
  const missing = [...outside].find((name) => error.message.includes(`"${name}"`));
  if (missing !== undefined) {
    return verifyFinding("not-verified", statement.file, range, `Not verified from here on: PostgreSQL says "${error.message}", and '${missing}' is made outside these migrations (the history starts from it, or another set creates it); verify starts from an empty database.`);
  }
  if (conventionUnknown && /^(constraint|index) "[^"]+"( of relation "[^"]+")? does not exist/.test(error.message)) {
    return verifyFinding("not-verified", statement.file, range, `Not verified from here on: PostgreSQL says "${error.message}", and env.py gives Alembic a target_metadata whose naming convention (which names constraints) the analysis cannot read.`);
  }
  return verifyFinding("postgres-rejected", statement.file, range, `PostgreSQL rejects this statement${when}: ${error.message}. ${predictedBy(findings, statement.file, statement.range)}`);
}


/** Where PostgreSQL's error points in the file, else the statement. */
export function at(statement: ScriptStatement, error: DatabaseError): Range {
  return error.position !== undefined ? statement.at(error.position - 1) : statement.range;
}

function predictedBy(findings: readonly Finding[], file: string, range: Range): string {
  // Errors claim a statement fails; warnings are about locks and data, not failure.
  const inFile = findings.filter((f) => f.file === file && f.severity === "error");
  const overlapping = inFile.filter((f) => comparePositions(f.range.start, range.end) <= 0 && comparePositions(f.range.end, range.start) >= 0);
  const rules = (list: readonly Finding[]): string => [...new Set(list.map((f) => f.rule))].join(", ");
  if (overlapping.length > 0) return `The analysis had predicted it (${rules(overlapping)}).`;
  // A broken header or graph makes the revision run where it should not: reported on the file.
  if (inFile.length > 0) return `The analysis had reported this migration (${rules(inFile)}).`;
  return "The analysis had not predicted it.";
}
