import type { Operation } from "../../schema/operations";

/**
 * The PostgreSQL table lock a statement takes, as the rule that flags the statement knows it:
 * the migration notes say which statements block other sessions, and for how long.
 */
export interface TableLock {
  readonly mode: "ACCESS EXCLUSIVE" | "SHARE ROW EXCLUSIVE" | "SHARE";
  /** What other sessions wait for while it is held. */
  readonly blocks: "writes" | "reads and writes";
  /** How long it is held: while the table is rewritten, every row is checked, the index is built, or a moment. */
  readonly during: "rewrite" | "scan" | "index build" | "brief";
}

/** Which lock the operation a rule reported takes; undefined when it blocks nobody. */
export type LockOf = (op: Operation) => TableLock | undefined;

/** Most ALTER TABLE forms and DROP: an exclusive lock, held only for a catalog change. */
export const BRIEF_EXCLUSIVE: LockOf = () => ({ mode: "ACCESS EXCLUSIVE", blocks: "reads and writes", during: "brief" });

/** CREATE INDEX without CONCURRENTLY: SHARE lets reads through, blocks writes until the index is built. */
export const INDEX_BUILD: TableLock = { mode: "SHARE", blocks: "writes", during: "index build" };
