import type { Rule } from "./rule";
import { revisionAnchor } from "./anchors";
import { generatedDowngradeFix } from "./schema/downgradeFix";

/** Operations that change the schema (data changes alone are not expected to be undone). */
const SCHEMA_KINDS = (kind: string): boolean => kind !== "data_change";

export const missingDowngrade: Rule = {
  name: "missing-downgrade",
  severity: "warning",
  description: "The upgrade changes the schema but the downgrade is missing or empty.",
  check(context) {
    // Prisma, Flyway and plain SQL folders have no down migrations by design.
    if (!["alembic", "golang-migrate"].includes(context.set.spec.kind)) return;
    for (const file of context.set.files) {
      const upgrade = file.upgrade?.operations.filter((op) => SCHEMA_KINDS(op.kind)) ?? [];
      const downgrade = file.downgrade;
      if (upgrade.length === 0 || (downgrade?.present && downgrade.operations.length > 0)) continue;
      const fix = generatedDowngradeFix(file, upgrade);
      context.report({
        file: file.path,
        range: downgrade?.present && downgrade.range ? downgrade.range : (file.upgrade?.range ?? revisionAnchor(file)),
        message: downgrade?.present
          ? `downgrade() is empty while upgrade() changes the schema (${upgrade.length} operation(s)): \`alembic downgrade\` past this revision leaves the schema as it is.`
          : `There is no downgrade for this migration while its upgrade changes the schema (${upgrade.length} operation(s)).`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};
