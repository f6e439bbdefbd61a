import type { AlterActionAddEnumValuePosition, AlterTypeStmt, CreateTypeStmt, CreateViewStmt, DropTypeStmt, DropViewStmt } from "sql-parser-cst";
import { kindWords } from "./createTable";
import type { Operation } from "../schema/operations";
import { qualifiedNameOf, sourceOf, unknownOp, type StatementContext } from "./statementContext";

export function createTypeOperations(ctx: StatementContext, stmt: CreateTypeStmt): Operation[] {
  if (stmt.definition?.type !== "enum_type_definition") return [unknownOp(ctx, "CREATE TYPE other than AS ENUM is not modelled", stmt.name)];
  const values = stmt.definition.values.expr.items.map((v) => v.value);
  return [{ ...sourceOf(ctx, stmt.name, false), kind: "create_enum", type: qualifiedNameOf(ctx, stmt.name), values }];
}

/** ALTER TYPE: ADD VALUE, RENAME VALUE and RENAME TO are modelled. */
export function alterTypeOperations(ctx: StatementContext, stmt: AlterTypeStmt): Operation[] {
  const type = qualifiedNameOf(ctx, stmt.name);
  return stmt.actions.items.flatMap((action): Operation[] => {
    switch (action.type) {
      case "alter_action_add_enum_value":
        return [{ ...sourceOf(ctx, stmt.name, action.ifNotExistsKw !== undefined), kind: "add_enum_value", type, value: action.value.value, ...enumValuePosition(action.position) }];
      case "alter_action_owner_to":
        return [];
      case "alter_action_rename":
        return [{ ...sourceOf(ctx, stmt.name, false), kind: "rename_type", type, newName: qualifiedNameOf(ctx, action.newName).name }];
      case "alter_action_rename_enum_value":
        return [{ ...sourceOf(ctx, stmt.name, false), kind: "rename_enum_value", type, value: action.oldValue.value, newValue: action.newValue.value }];
      default:
        return [unknownOp(ctx, "this ALTER TYPE action is not modelled", stmt.name)];
    }
  });
}

export function dropTypeOperations(ctx: StatementContext, stmt: DropTypeStmt): Operation[] {
  return stmt.types.items.map((node): Operation => ({ ...sourceOf(ctx, node, stmt.ifExistsKw !== undefined), kind: "drop_type", type: qualifiedNameOf(ctx, node) }));
}

/** Views and materialized views alike; a temporary view is gone with the session. */
export function createViewOperations(ctx: StatementContext, stmt: CreateViewStmt): Operation[] {
  if (stmt.kinds.flatMap(kindWords).some((w) => w === "TEMP" || w === "TEMPORARY")) return [];
  return [{ ...sourceOf(ctx, stmt.name, stmt.ifNotExistsKw !== undefined), kind: "create_view", view: qualifiedNameOf(ctx, stmt.name), orReplace: stmt.orReplaceKw !== undefined }];
}

export function dropViewOperations(ctx: StatementContext, stmt: DropViewStmt): Operation[] {
  return stmt.views.items.map((node): Operation => ({ ...sourceOf(ctx, node, stmt.ifExistsKw !== undefined), kind: "drop_view", view: qualifiedNameOf(ctx, node) }));
}

/** BEFORE / AFTER an existing label: where PostgreSQL puts the new one. */
function enumValuePosition(position: AlterActionAddEnumValuePosition | undefined): { before?: string; after?: string } {
  if (!position) return {};
  return position.positionKw.name === "BEFORE" ? { before: position.value.value } : { after: position.value.value };
}
