import type { Rule } from "../rule";
import { historyStartTables } from "../../schema/initialSchema";
import { MANY_NEVER_CREATED } from "../../schema/neverCreated";
import { displayName } from "../../schema/schemaState";
import { declareExternalFix } from "./externalTableFix";
import { baselineSkeletonFix } from "./baselineSkeletonFix";

/**
 * A history that uses many tables it never creates starts from a schema built elsewhere. Said
 * once, at the first use, instead of one table-not-found per table; the tables are then taken to
 * exist from the start. A warning, not an error: on an empty database these migrations do fail,
 * but the project does not run them on one, and nothing in a migration is wrong.
 */
export const missingInitialSchema: Rule = {
  name: "missing-initial-schema",
  severity: "warning",
  description: `The history uses more than ${MANY_NEVER_CREATED} tables no migration creates: it starts from a schema built elsewhere (create_all() then stamp).`,
  check({ set, options, report }) {
    const tables = historyStartTables(set);
    const first = tables?.[0];
    if (!tables || !first) return;
    const names = tables.map((t) => displayName(t.name));
    const baseline = baselineSkeletonFix(set, tables, options.host, options.roots);
    report({
      file: first.firstUse.file,
      range: first.firstUse.range,
      message:
        `This history uses ${tables.length} tables that no migration creates (as far as the analysis reads them) and that are not declared: ${names.map((n) => `'${n}'`).join(", ")}. ` +
        "It most likely starts from a schema built elsewhere (metadata.create_all() then a stamp, a dump), so on an empty database its migrations fail. " +
        "Each table is taken to exist from the start, with unknown columns; declare them external, or describe them in a baseline, to say so.",
      related: tables.map((t) => ({ file: t.firstUse.file, range: t.firstUse.range, message: `'${displayName(t.name)}' is first used here` })),
      fixes: [declareExternalFix(set, names, options.host, options.roots), ...(baseline ? [baseline] : [])],
    });
  },
};
