import type { Range } from "../model/positions";
import type { SqlDialect } from "../schema/sqlContract";
import { repairMysqlColumn } from "./mysqlColumnRepair";
import { blankIndexMethods, indexOperation, readIndexDefinition } from "./mysqlIndexDefinition";
import type { Repair, TokenOperation } from "./repair";
import type { StatementContext } from "./statementContext";
import { identifierAt, isName, isPunct, readQualifiedName, splitAtCommas, wordAt, type TokenName } from "./tokens";

/** MySQL table options and partition maintenance: how rows are stored, not what they hold. */
const MYSQL_OPTION_HEADS = new Set([
  "ALGORITHM", "LOCK", "ENGINE", "AUTO_INCREMENT", "DEFAULT", "CHARACTER", "CHARSET", "COLLATE", "CONVERT", "FORCE", "ROW_FORMAT",
  "COMMENT", "KEY_BLOCK_SIZE", "STATS_PERSISTENT", "STATS_AUTO_RECALC", "STATS_SAMPLE_PAGES", "AVG_ROW_LENGTH", "CHECKSUM",
  "PACK_KEYS", "MAX_ROWS", "MIN_ROWS", "DELAY_KEY_WRITE", "ORDER", "WITH", "WITHOUT", "COALESCE", "REORGANIZE", "EXCHANGE",
  "TRUNCATE", "REMOVE", "UPGRADE", "DISCARD", "IMPORT", "ANALYZE", "OPTIMIZE", "REBUILD", "REPAIR", "SECONDARY_ENGINE",
  "SECONDARY_LOAD", "SECONDARY_UNLOAD", "ENCRYPTION", "INSERT_METHOD", "TABLESPACE", "UNION", "COMPRESSION", "CONNECTION",
]);

/**
 * ALTER TABLE actions the parser refuses, one by one: MySQL's MODIFY / CHANGE (rewritten as ADD
 * of the same length and marked), index and foreign-key actions, table options and column
 * positions; PostgreSQL's ATTACH / DETACH PARTITION. The other actions are left to the parser.
 */
export function repairAlterTable(repair: Repair, dialect: SqlDialect): void {
  const st = repair.st;
  let at = 1;
  while (at < st.tokens.length && wordAt(st, at) !== "TABLE") at++;
  at++;
  if (wordAt(st, at) === "IF" && wordAt(st, at + 1) === "EXISTS") at += 2;
  if (wordAt(st, at) === "ONLY") at++;
  const table = readQualifiedName(st, at);
  if (!table) return;
  const start = isPunct(st, table.next, "*") ? table.next + 1 : table.next;

  const parts = splitAtCommas(st, start, st.tokens.length);
  const kept = parts.map(([from, to]) => {
    const handled = dialect === "mysql" ? repairMysqlAction(repair, table, from, to) : repairPostgresqlAction(repair, from);
    if (handled) repair.blankTokens(from, to - 1);
    return !handled;
  });
  if (!repair.changed) return;
  if (!repair.fixSeparators(parts, kept)) repair.parserNeeded = false;
}

/** True when the action was read here (and is to be blanked); false leaves it to the parser. */
function repairMysqlAction(repair: Repair, table: TokenName, from: number, to: number): boolean {
  const st = repair.st;
  const offset = st.tokens[from]?.start ?? 0;
  const first = wordAt(st, from);
  const second = wordAt(st, from + 1);
  const column = second === "COLUMN" ? from + 2 : from + 1;
  switch (first) {
    case "MODIFY":
      repair.replaceToken(from, "ADD   ");
      repair.rewrites.set(offset, { kind: "modify" });
      repairMysqlColumn(repair, column + 1, to);
      return false;
    case "CHANGE":
      repair.replaceToken(from, "ADD   ");
      repair.rewrites.set(offset, { kind: "change", oldName: identifierAt(st, column) });
      repair.blankTokens(column, column);
      repairMysqlColumn(repair, column + 2, to);
      return false;
    case "ADD": {
      const index = readIndexDefinition(st, from + 1, to);
      if (index) {
        repair.operations.push(indexOperation(offset, table, index));
        return true;
      }
      if (second === "PARTITION") return true;
      if (["CONSTRAINT", "PRIMARY", "FOREIGN", "UNIQUE", "CHECK"].includes(second ?? "")) blankIndexMethods(repair, from, to);
      else if (isName(st, column)) repairMysqlColumn(repair, column + 1, to);
      return false;
    }
    case "DROP":
      return repairMysqlDrop(repair, table, from, to, offset);
    case "RENAME":
      if ((second !== "INDEX" && second !== "KEY") || to - from !== 5) return false;
      repair.operations.push(tokenUnknown(offset, table, "ALTER TABLE … RENAME INDEX is not modelled"));
      return true;
    case "ENABLE":
    case "DISABLE":
      return second === "KEYS";
    default:
      return first !== undefined && MYSQL_OPTION_HEADS.has(first) && !hasActionWord(repair, from + 1, to);
  }
}

/** An option followed by another action without a comma is a mistake the parser should report. */
function hasActionWord(repair: Repair, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (["ADD", "DROP", "MODIFY", "CHANGE", "ALTER", "RENAME"].includes(wordAt(repair.st, i) ?? "")) return true;
  return false;
}

/** DROP INDEX i / DROP FOREIGN KEY f / DROP PRIMARY KEY, each exactly so (more tokens are a mistake the parser reports). */
function repairMysqlDrop(repair: Repair, table: TokenName, from: number, to: number, offset: number): boolean {
  const st = repair.st;
  const second = wordAt(st, from + 1);
  const length = to - from;
  if ((second === "INDEX" || second === "KEY") && length === 3) {
    const name = identifierAt(st, from + 2);
    const token = st.tokens[from + 2];
    repair.operations.push({
      offset,
      build: (ctx) => ({ range: ctx.range, nameRange: ctx.at(ctx.base + (token?.start ?? 0), ctx.base + (token?.end ?? 0)), kind: "drop_index", name, table: table.name, concurrently: false }),
    });
    return true;
  }
  if (second === "FOREIGN" && wordAt(st, from + 2) === "KEY" && length === 4) {
    const name = identifierAt(st, from + 3);
    repair.operations.push({ offset, build: (ctx) => ({ ...tableSource(ctx, table), kind: "drop_constraint", table: table.name, name }) });
    return true;
  }
  if (second === "PRIMARY" && wordAt(st, from + 2) === "KEY" && length === 3) {
    repair.operations.push(tokenUnknown(offset, table, "DROP PRIMARY KEY is not modelled (the key's name is not written)"));
    return true;
  }
  return second === "PARTITION";
}

/** Attaching or detaching a partition keeps both tables as they are. */
function repairPostgresqlAction(repair: Repair, from: number): boolean {
  const first = wordAt(repair.st, from);
  return (first === "ATTACH" || first === "DETACH") && wordAt(repair.st, from + 1) === "PARTITION";
}

function tableSource(ctx: StatementContext, table: TokenName): { range: Range; nameRange: Range } {
  return { range: ctx.range, nameRange: ctx.at(ctx.base + table.start, ctx.base + table.end) };
}

function tokenUnknown(offset: number, table: TokenName, reason: string): TokenOperation {
  return { offset, build: (ctx) => ({ ...tableSource(ctx, table), kind: "unknown", reason }) };
}
