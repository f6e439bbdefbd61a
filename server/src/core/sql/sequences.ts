import type { AlterSequenceStmt, CreateSequenceStmt, DropSequenceStmt, SequenceOptionOwnedBy } from "sql-parser-cst";
import type { ColumnName, Operation } from "../schema/operations";
import { integerType } from "../schema/sequenceTypes";
import { columnNameOf, qualifiedNameOf, sourceOf, typeOf, unknownOp, type StatementContext } from "./statementContext";

/** CREATE SEQUENCE: its type (bigint unless AS says) and owner; start, increment and cache change nothing compared. */
export function createSequenceOperations(ctx: StatementContext, stmt: CreateSequenceStmt): Operation[] {
  let type = "bigint";
  let ownedBy: ColumnName | undefined;
  for (const option of stmt.options) {
    if (option.type === "sequence_option_as_type") {
      const known = integerType(typeOf(ctx, option.dataType));
      if (known === undefined) return [unknownOp(ctx, "a sequence of this type is not modelled", stmt.name)];
      type = known;
    } else if (option.type === "sequence_option_owned_by") ownedBy = ownerOf(ctx, option);
  }
  return [{ ...sourceOf(ctx, stmt.name, stmt.ifNotExistsKw !== undefined), kind: "create_sequence", sequence: qualifiedNameOf(ctx, stmt.name), type, ...(ownedBy ? { ownedBy } : {}) }];
}

/** ALTER SEQUENCE: AS, OWNED BY and RENAME TO are followed; SET SCHEMA is not. */
export function alterSequenceOperations(ctx: StatementContext, stmt: AlterSequenceStmt): Operation[] {
  const sequence = qualifiedNameOf(ctx, stmt.sequence);
  const guarded = stmt.ifExistsKw !== undefined;
  const change: { type?: string; ownedBy?: ColumnName | null; newName?: string } = {};
  for (const action of stmt.actions) {
    switch (action.type) {
      case "sequence_option_as_type": {
        const known = integerType(typeOf(ctx, action.dataType));
        if (known === undefined) return [unknownOp(ctx, "a sequence of this type is not modelled", stmt.sequence)];
        change.type = known;
        break;
      }
      case "sequence_option_owned_by":
        change.ownedBy = ownerOf(ctx, action) ?? null;
        break;
      case "alter_action_rename":
        change.newName = qualifiedNameOf(ctx, action.newName).name;
        break;
      case "alter_action_set_schema":
        return [unknownOp(ctx, "moving a sequence to another schema is not modelled", stmt.sequence)];
      default:
        break;
    }
  }
  if (Object.keys(change).length === 0) return [];
  return [{ ...sourceOf(ctx, stmt.sequence, guarded), kind: "alter_sequence", sequence, ...change }];
}

export function dropSequenceOperations(ctx: StatementContext, stmt: DropSequenceStmt): Operation[] {
  return stmt.sequences.items.map((node): Operation => ({ ...sourceOf(ctx, node, stmt.ifExistsKw !== undefined), kind: "drop_sequence", sequence: qualifiedNameOf(ctx, node) }));
}

/** `OWNED BY t.c`; undefined for OWNED BY NONE. */
function ownerOf(ctx: StatementContext, option: SequenceOptionOwnedBy): ColumnName | undefined {
  return columnNameOf(ctx, option.owner);
}
