import { RULES } from ".";
import { OPERATION_RULES } from "./schema";

/**
 * Rules that judge how safe a change is (locks, non-additive changes, data changes, downgrades).
 * Migrations that already ran are not judged by them again when `scope = "branch"`; the graph
 * and replay-integrity rules always judge the whole history.
 */
export const CHANGE_SAFETY_RULES: ReadonlySet<string> = new Set([...RULES, ...OPERATION_RULES].filter((r) => r.changeSafety).map((r) => r.name));
