import type { Rule } from "./rule";
import { eachFile } from "./eachFile";
import { revisionAnchor } from "./anchors";
import { generatedDowngradeFix } from "./schema/downgradeFix";

/** Operations known to change the schema (data changes, and SQL that could not be read, are not expected to be undone). */
const SCHEMA_KINDS = (kind: string): boolean => kind !== "data_change" && kind !== "unknown" && kind !== "outside_transaction" && kind !== "call";

export const missingDowngrade: Rule = {
  name: "missing-downgrade",
  changeSafety: true,
  severity: "warning",
  description: "The upgrade changes the schema but the downgrade is missing or empty.",
  check: eachFile((file, context) => {
    // Prisma, Flyway and plain SQL folders have no down migrations by design.
    if (!["alembic", "golang-migrate"].includes(context.set.spec.kind)) return;
    // Past a syntax error the downgrade may be there but misread: absence cannot be claimed.
    if (file.syntaxError) return;
    const upgrade = file.upgrade?.operations.filter((op) => SCHEMA_KINDS(op.kind)) ?? [];
    const downgrade = file.downgrade;
    if (upgrade.length === 0 || downgrade?.raises || (downgrade?.present && downgrade.operations.length > 0)) return;
    const sql = context.set.spec.kind !== "alembic";
    const fix = generatedDowngradeFix(file, upgrade, downgrade);
    const onDownFile = sql && downgrade?.present && downgrade.file !== undefined && downgrade.file !== file.path;
    context.report({
      file: onDownFile ? downgrade!.file! : file.path,
      range: onDownFile ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } : downgrade?.present && downgrade.range ? downgrade.range : (file.upgrade?.range ?? revisionAnchor(file)),
      message: sql
        ? downgrade?.present
          ? `This down migration is empty while the up migration changes the schema (${upgrade.length} statement(s)): migrating down past it leaves the schema as it is.`
          : `There is no down migration for this version while its up migration changes the schema (${upgrade.length} statement(s)).`
        : downgrade?.present
          ? `downgrade() is empty while upgrade() changes the schema (${upgrade.length} operation(s)): \`alembic downgrade\` past this revision leaves the schema as it is.`
          : `There is no downgrade() in this revision while its upgrade changes the schema (${upgrade.length} operation(s)).`,
      fixes: fix ? [fix] : [],
    });
  }, (context) => [context.set.spec.kind]),
};
