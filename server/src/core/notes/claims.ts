import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Finding } from "../model/findings";
import type { MergeHeads } from "./mergeHeads";
import type { AddedMigration } from "./migrationNotes";
import type { Phrase } from "./operationSummary";

/**
 * A sentence a pull request's notes would otherwise claim by hand, checked: `holds` is said only
 * when true; when false `fails` is said with the migrations that break it; when the analysis
 * cannot know, `unchecked` says why and nothing is claimed.
 */
export interface Claim {
  readonly holds: string;
  readonly fails: string;
  readonly verdict: "true" | "false" | "unchecked";
  /** Why it is false or not checked: one phrase per migration (or head) concerned. */
  readonly because: readonly Phrase[];
}

/** Rules that say the history will not stay one line once the branch is merged. */
const MERGE_RULES = ["heads-after-merge", "conflict-after-merge", "out-of-order-migration"];

export function claimsOf(set: AnalyzedSet, added: readonly AddedMigration[], heads: MergeHeads, findings: readonly Finding[]): Claim[] {
  if (added.length === 0) return [];
  const unread = added.filter((m) => m.notUnderstood).map((m): Phrase => [{ code: m.id }, " holds statements the analysis did not understand"]);
  const postgres = set.settings.dialect === "postgresql";
  const notModelled: Phrase[] = [[`locks are modelled for PostgreSQL only, and this set is ${set.settings.dialect}`]];
  const claims: Claim[] = [
    judge(
      "All migrations are additive.",
      "Not every migration is additive.",
      added.filter((m) => m.notAdditive.length > 0).map((m) => [{ code: m.id }, ": ", ...rules(m.notAdditive)]),
      unread,
    ),
  ];
  if (added.some((m) => m.createsIndexes)) {
    const blocking = added.flatMap((m) => m.locks.filter((l) => l.createsIndex).map((l): Phrase => [{ code: m.id }, ` line ${l.line}: ${l.lock.mode} on `, { code: l.table ?? "?" }, ` (${l.rules.join(", ")})`]));
    claims.push(postgres ? judge("New indexes are created without blocking writes.", "Some new indexes block writes while they build.", blocking, []) : unchecked("New indexes are created without blocking writes.", notModelled));
  }
  const long = added.flatMap((m) =>
    m.locks.filter((l) => l.lock.during !== "brief").map((l): Phrase => [{ code: m.id }, ` line ${l.line}: ${l.lock.mode} on `, { code: l.table ?? "?" }, ` during the ${l.lock.during}`]),
  );
  claims.push(
    postgres
      ? judge("No statement holds a blocking lock while it rewrites or scans a table.", "Some statements block other sessions while a table is rewritten, scanned or indexed.", long, unread)
      : unchecked("No statement holds a blocking lock while it rewrites or scans a table.", notModelled),
  );
  claims.push(judge("No data changes.", "Some migrations change data (UPDATE / INSERT / DELETE).", added.filter((m) => m.dataChanges).map((m) => [{ code: m.id }]), unread));
  claims.push(linear(set, added, heads, findings));
  return claims;
}

/**
 * One head per set after the merge, no merge revision added, nothing out of order. A revision
 * whose parents are not all known (a header read at run time) leaves it unchecked.
 */
function linear(set: AnalyzedSet, added: readonly AddedMigration[], heads: MergeHeads, findings: readonly Finding[]): Claim {
  const broken: Phrase[] = [];
  if (heads.after.length > 1) broken.push([`${heads.after.length} heads after the merge: `, ...heads.after.flatMap((h, i) => [i === 0 ? "" : ", ", { code: h.id }])]);
  const graph = heads.graphAfter;
  for (const m of added) {
    const node = graph?.nodes.get(m.id);
    if (node && node.parents.length > 1) broken.push([{ code: m.id }, " is a merge revision"]);
  }
  for (const f of findings.filter((f) => MERGE_RULES.includes(f.rule))) {
    const migration = added.find((m) => m.file === f.file);
    broken.push([...(migration ? [{ code: migration.id }, ": "] : []), f.rule]);
  }
  const partial = added.filter((m) => graph?.nodes.get(m.id)?.partial).map((m): Phrase => [{ code: m.id }, "'s parents are not all known"]);
  const said = set.spec.sql ? "The migrations stay in order after the merge." : "History stays linear.";
  return judge(said, set.spec.sql ? "The migrations are not in order after the merge." : "History does not stay linear.", broken, partial);
}

function judge(holds: string, fails: string, against: readonly Phrase[], unknowns: readonly Phrase[]): Claim {
  if (against.length > 0) return { holds, fails, verdict: "false", because: against };
  if (unknowns.length > 0) return unchecked(holds, unknowns);
  return { holds, fails, verdict: "true", because: [] };
}

function unchecked(holds: string, because: readonly Phrase[]): Claim {
  return { holds, fails: holds, verdict: "unchecked", because };
}

function rules(found: readonly { rule: string; line: number }[]): Phrase {
  return found.flatMap((r, i) => [i === 0 ? "" : ", ", `${r.rule} (line ${r.line})`]);
}
