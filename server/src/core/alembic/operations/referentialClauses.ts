import type { ForeignKeyTarget } from "../../schema/operations";
import { readBoolean, readString } from "./literals";
import { resolve, type Ref } from "./scope";

const WORDS = [
  ["match", "MATCH"],
  ["ondelete", "ON DELETE"],
  ["onupdate", "ON UPDATE"],
] as const;

/**
 * SQLAlchemy's foreign-key options (`match`, `ondelete`, `onupdate`, `deferrable`, `initially`) as
 * the SQL it writes after REFERENCES, in its order; `clauses: null` when one is not a literal.
 */
export function referentialClauses(keyword: (name: string) => Ref | undefined): Pick<ForeignKeyTarget, "clauses"> {
  const given = (name: string): Ref | undefined => {
    const ref = keyword(name);
    return ref && resolve(ref).node.name !== "None" ? ref : undefined;
  };
  const parts: string[] = [];
  for (const [name, sql] of WORDS) {
    const ref = given(name);
    if (!ref) continue;
    const value = readString(ref)?.value;
    if (value === undefined) return { clauses: null };
    parts.push(`${sql} ${value}`);
  }
  const deferrable = given("deferrable");
  if (deferrable) {
    const value = readBoolean(deferrable);
    if (value === undefined) return { clauses: null };
    parts.push(value ? "DEFERRABLE" : "NOT DEFERRABLE");
  }
  const initially = given("initially");
  if (initially) {
    const value = readString(initially)?.value;
    if (value === undefined) return { clauses: null };
    parts.push(`INITIALLY ${value}`);
  }
  return parts.length > 0 ? { clauses: parts.join(" ") } : {};
}
