import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { Finding } from "../model/findings";
import { FILE_START } from "../model/positions";
import { compareCatalogs, type Catalog, type CatalogDifference } from "./catalog";
import type { VerifyDatabase } from "./database";
import { controlsTransaction, type RevisionScript } from "./revisionScript";
import { revisionScript } from "./revisionScripts";
import { verifyFinding } from "./verifyFindings";

/**
 * Downgrade, then upgrade again, inside a transaction rolled back afterwards: the downgrade must
 * leave the catalog the upgrade found, and the upgrade must run again after it. A script that
 * opens or ends a transaction itself cannot run inside that one: it is not verified.
 */
export async function roundtrip(
  set: AnalyzedSet,
  file: AnalyzedSet["files"][number],
  before: Catalog,
  after: Catalog,
  database: VerifyDatabase,
  /** The catalog as verify compares it (the tool's own table left out). */
  catalog: () => Promise<Catalog>,
  run: (script: RevisionScript, direction: "upgrade" | "downgrade" | "upgrade again") => Promise<boolean>,
  findings: Finding[],
  read: (path: string) => string | undefined,
): Promise<void> {
  if (!file.downgrade?.present || file.downgrade.raises) return;
  const downgrade = revisionScript(set, file, "downgrade", read);
  if (downgrade.statements.length === 0 && downgrade.notVerifiable.length === 0) return;
  const where = { file: file.downgrade.file ?? file.path, range: file.downgrade.range ?? FILE_START };
  const upgrade = revisionScript(set, file, "upgrade", read);
  const control = [...downgrade.statements, ...upgrade.statements].find((s) => controlsTransaction(s.sql));
  if (control) {
    findings.push(verifyFinding("not-verified", control.file, control.range, "Not verified by --roundtrip: this migration opens or ends a transaction itself, and --roundtrip runs the downgrade inside one it rolls back."));
    return;
  }
  await database.exec("BEGIN");
  try {
    if (!(await run(downgrade, "downgrade"))) return;
    const down = await catalog();
    const left = compareCatalogs(before, down);
    for (const difference of left) findings.push(verifyFinding("downgrade-mismatch", where.file, where.range, downgradeMessage(difference)));
    // Upgrading again only means something from where the upgrade started.
    if (left.length > 0) return;
    if (!(await run(upgrade, "upgrade again"))) return;
    const again = await catalog();
    for (const difference of compareCatalogs(after, again)) {
      findings.push(verifyFinding("downgrade-mismatch", where.file, where.range, `Upgrading again after the downgrade leaves ${difference.kind} ${difference.name} as ${difference.replay ?? "absent"}; the first upgrade left ${difference.postgres ?? "none"}.`));
    }
  } finally {
    await database.exec("ROLLBACK").catch(() => undefined);
  }
}

/** `postgres` is the catalog before the upgrade, `replay` the one after the downgrade. */
function downgradeMessage(difference: CatalogDifference): string {
  const what = `${difference.kind} ${difference.name}`;
  if (difference.postgres === undefined) return `The downgrade leaves ${what} (${difference.replay}); it was not there before the upgrade.`;
  if (difference.replay === undefined) return `The downgrade drops ${what} (${difference.postgres}); it was there before the upgrade.`;
  return `After the downgrade ${what} is ${difference.replay}; before the upgrade it was ${difference.postgres}.`;
}
