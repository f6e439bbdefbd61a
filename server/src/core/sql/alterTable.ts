import type { AlterActionAddColumn, AlterActionAlterColumn, AlterTableAction, AlterTableStmt, EntityName, Keyword, RelationExpr } from "sql-parser-cst";
import type { Operation, QualifiedName } from "../schema/operations";
import { readColumn, readTableConstraint } from "./columns";
import { identifierOf, qualifiedNameOf, rangeOf, sourceOf, spanOf, textOf, typeOf, unknownOp, type StatementContext } from "./statementContext";

/** ALTER TABLE: one operation per action that changes what the schema model holds, in order. */
export function alterTableOperations(ctx: StatementContext, stmt: AlterTableStmt): Operation[] {
  return alterTableActions(ctx, stmt).flatMap((a) => a.operations);
}

/** The operations of each action with the offset where the action starts (to merge with actions read from tokens). */
export function alterTableActions(ctx: StatementContext, stmt: AlterTableStmt): { offset: number; operations: Operation[] }[] {
  const nameNode = relationName(stmt.table);
  if (!nameNode) return [{ offset: spanOf(ctx, stmt)[0], operations: [unknownOp(ctx, "ALTER TABLE on a table reference that is not a name")] }];
  const table = qualifiedNameOf(ctx, nameNode);
  const tableGuarded = stmt.ifExistsKw !== undefined;
  return stmt.actions.items.map((action) => ({ offset: spanOf(ctx, action)[0], operations: actionOperations(ctx, table, nameNode, tableGuarded, action) }));
}

/** `ONLY t`, `t *` and plain names all name the table. */
export function relationName(node: RelationExpr): EntityName | undefined {
  switch (node.type) {
    case "identifier":
    case "member_expr":
    case "bigquery_quoted_member_expr":
      return node;
    case "table_with_inheritance":
    case "table_without_inheritance":
      return node.table;
    case "indexed_table":
    case "not_indexed_table":
      return node.table.type === "alias" ? node.table.expr : node.table;
  }
}

function actionOperations(ctx: StatementContext, table: QualifiedName, nameNode: EntityName, tableGuarded: boolean, action: AlterTableAction): Operation[] {
  // IF [NOT] EXISTS on an action guards its column or constraint, never the table.
  const source = (objectGuarded = false) => ({ ...sourceOf(ctx, nameNode, false), ...(tableGuarded ? { tableGuarded: true } : {}), ...(objectGuarded ? { objectGuarded: true } : {}) });
  switch (action.type) {
    case "alter_action_add_column": {
      const rewrite = ctx.rewrites.get(spanOf(ctx, action)[0]);
      if (rewrite) return [mysqlRedefinition(ctx, table, nameNode, tableGuarded, action, rewrite.kind === "change" ? rewrite.oldName : undefined)];
      const { column, constraints, notNull } = readColumn(ctx, action.column);
      const definition = { range: rangeOf(ctx, action.column), ...(notNull ? { notNull: ctx.at(notNull[0], notNull[1]) } : {}) };
      return [
        { ...source(action.ifNotExistsKw !== undefined), kind: "add_column", table, column, definition },
        ...constraints.map((constraint): Operation => ({ ...source(), kind: "add_constraint", table, constraint, notValid: false })),
      ];
    }
    case "alter_action_drop_column":
      return [{ ...source(action.ifExistsKw !== undefined), kind: "drop_column", table, column: identifierOf(ctx, action.column) }];
    case "alter_action_rename_column":
      return [{ ...source(action.ifExistsKw !== undefined), kind: "alter_column", table, column: identifierOf(ctx, action.oldName), newName: identifierOf(ctx, action.newName) }];
    case "alter_action_rename":
      return [{ ...source(), kind: "rename_table", table, newName: qualifiedNameOf(ctx, action.newName).name }];
    case "alter_action_alter_column":
      return alterColumn(ctx, table, nameNode, tableGuarded, action);
    case "alter_action_add_constraint": {
      const name = action.name ? identifierOf(ctx, action.name.name) : undefined;
      const guarded = action.name?.ifNotExistsKw !== undefined;
      if (action.constraint.type === "constraint_not_null") return [unknownOp(ctx, "ADD CONSTRAINT … NOT NULL is not modelled", nameNode)];
      if (action.constraint.type === "constraint_index") {
        const columns = action.constraint.columns?.expr.items.map((c) => identifierOf(ctx, c)) ?? [];
        const detail = action.constraint.indexTypeKw?.name.toLowerCase();
        return [{ ...source(guarded), kind: "create_index", table, columns, unique: false, concurrently: false, ...(detail ? { detail } : {}) }];
      }
      const constraint = readTableConstraint(ctx, action.constraint, name, action.modifiers);
      const notValid = action.modifiers.some((m) => Array.isArray(m.kw) && m.kw[1]?.name === "VALID");
      return constraint ? [{ ...source(guarded), kind: "add_constraint", table, constraint, notValid, definition: { range: rangeOf(ctx, action) } }] : [];
    }
    case "alter_action_drop_constraint":
      return [{ ...source(action.ifExistsKw !== undefined), kind: "drop_constraint", table, name: identifierOf(ctx, action.constraint) }];
    case "alter_action_validate_constraint":
      return [{ ...source(), kind: "validate_constraint", table, name: identifierOf(ctx, action.constraint) }];
    case "alter_action_rename_constraint":
      return [{ ...source(), kind: "rename_constraint", table, name: identifierOf(ctx, action.oldName), newName: identifierOf(ctx, action.newName) }];
    case "alter_action_drop_primary_key":
      return [unknownOp(ctx, "DROP PRIMARY KEY is not modelled (the key's name is not written)", nameNode)];
    case "alter_action_set_schema":
      return [unknownOp(ctx, "SET SCHEMA (moving the table to another schema) is not modelled", nameNode)];
    case "alter_action_inherit":
    case "alter_action_no_inherit":
      return [unknownOp(ctx, "table inheritance is not modelled", nameNode)];
    case "alter_action_of_type":
    case "alter_action_not_of_type":
      return [unknownOp(ctx, "typed tables (OF type) are not modelled", nameNode)];
    // Ownership, storage, security, replication and statistics settings leave tables and columns as they are.
    default:
      return [];
  }
}

function alterColumn(ctx: StatementContext, table: QualifiedName, nameNode: EntityName, tableGuarded: boolean, action: AlterActionAlterColumn): Operation[] {
  if (action.column.type !== "identifier") return [];
  const column = identifierOf(ctx, action.column);
  const base = { ...sourceOf(ctx, nameNode, tableGuarded || action.ifExistsKw !== undefined), kind: "alter_column" as const, table, column };
  const change = action.action;
  switch (change.type) {
    case "alter_action_set_default":
      return [{ ...base, default: textOf(ctx, change.expr) }];
    case "alter_action_drop_default":
      return [{ ...base, default: null }];
    case "alter_action_set_not_null":
      return [{ ...base, nullable: false }];
    case "alter_action_drop_not_null":
      return [{ ...base, nullable: true }];
    case "alter_action_set_data_type": {
      const using = change.clauses.find((c) => c.type === "set_data_type_using_clause");
      return [{ ...base, type: typeOf(ctx, change.dataType), ...(using ? { using: textOf(ctx, using.expr) } : {}) }];
    }
    case "alter_action_add_identity":
      return [{ ...base, identity: identityClause(change.whenKw) }];
    case "alter_action_drop_identity":
      return [{ ...base, identity: null }];
    case "alter_action_alter_identity": {
      // RESTART and sequence options change nothing the model follows; SET GENERATED changes the kind.
      const generated = change.actions.find((a) => a.type === "alter_action_set_generated");
      return generated?.type === "alter_action_set_generated" ? [{ ...base, identity: identityClause(generated.whenKw) }] : [];
    }
    case "alter_action_drop_expression":
      return [unknownOp(ctx, "dropping a generated column's expression is not modelled", nameNode)];
    default:
      return [];
  }
}

/** `GENERATED ALWAYS AS IDENTITY` or `GENERATED BY DEFAULT AS IDENTITY`, as the catalog comparison spells it. */
function identityClause(when: Keyword<"ALWAYS"> | [Keyword<"BY">, Keyword<"DEFAULT">] | undefined): string {
  return `GENERATED ${Array.isArray(when) ? "BY DEFAULT" : "ALWAYS"} AS IDENTITY`;
}

/**
 * MySQL `MODIFY col def` / `CHANGE old new def` (parsed as ADD): the column is redefined whole,
 * so a missing NOT NULL makes it nullable and a missing DEFAULT drops the default.
 */
function mysqlRedefinition(ctx: StatementContext, table: QualifiedName, nameNode: EntityName, tableGuarded: boolean, action: AlterActionAddColumn, oldName: string | undefined): Operation {
  const { column } = readColumn(ctx, action.column);
  return {
    ...sourceOf(ctx, nameNode, tableGuarded),
    kind: "alter_column",
    table,
    column: oldName ?? column.name,
    ...(oldName !== undefined && oldName !== column.name ? { newName: column.name } : {}),
    ...(column.type !== undefined ? { type: column.type } : {}),
    nullable: column.nullable,
    default: column.default ?? null,
  };
}
