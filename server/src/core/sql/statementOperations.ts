import type { EntityName, RenameTableStmt, Statement } from "sql-parser-cst";
import type { Operation, QualifiedName } from "../schema/operations";
import { alterTableOperations } from "./alterTable";
import { createTableOperations, kindWords } from "./createTable";
import { dataChangeOperations } from "./dataChange";
import { createIndexOperations, dropIndexOperations } from "./indexes";
import { identifierOf, qualifiedNameOf, sourceOf, textOf, unknownOp, type StatementContext } from "./statementContext";
import { createFunctionOperations } from "./functions";
import { alterSequenceOperations, createSequenceOperations, dropSequenceOperations } from "./sequences";
import { alterTypeOperations, createTypeOperations, createViewOperations, dropTypeOperations, dropViewOperations } from "./typesAndViews";

/** Statements that change no table, column, index, type or view: no operation. */
const HARMLESS = new Set<string>([
  "start_transaction_stmt", "commit_transaction_stmt", "rollback_transaction_stmt", "savepoint_stmt", "release_savepoint_stmt",
  "set_parameter_stmt", "set_role_stmt", "set_stmt", "set_time_zone_parameter_stmt", "reset_parameter_stmt", "reset_role_stmt", "show_parameter_stmt",
  "comment_stmt", "grant_privilege_stmt", "grant_role_stmt", "revoke_privilege_stmt", "revoke_role_stmt", "alter_default_privileges_stmt",
  "create_role_stmt", "alter_role_stmt", "drop_role_stmt", "create_policy_stmt", "alter_policy_stmt", "drop_policy_stmt",
  "create_publication_stmt", "alter_publication_stmt", "drop_publication_stmt", "create_subscription_stmt", "drop_subscription_stmt",
  "analyze_stmt", "explain_stmt", "vacuum_stmt", "reindex_stmt", "refresh_materialized_view_stmt", "pragma_stmt",
  "prepare_stmt", "deallocate_stmt", "attach_database_stmt", "detach_database_stmt",
  "alter_table_all_in_tablespace_stmt", "alter_index_all_in_tablespace_stmt", "empty",
]);

/** Why a statement kind the model does not follow matters, beyond "is not modelled". */
const UNKNOWN_DETAIL: Record<string, string> = {
  create_extension_stmt: "an extension can add types, functions and tables",
  drop_extension_stmt: "it drops what the extension had added",
  do_stmt: "the code it runs is not read",
  call_stmt: "the code it runs is not read",
  execute_stmt: "the code it runs is not read",
  drop_schema_stmt: "it drops everything the schema holds",
};

/** The operations of one parsed statement. (MySQL's RENAME TABLE is parsed but missing from the Statement type.) */
export function statementOperations(ctx: StatementContext, parsed: Statement): Operation[] {
  const stmt = parsed as Statement | RenameTableStmt;
  switch (stmt.type) {
    case "create_table_stmt":
      return createTableOperations(ctx, stmt);
    case "alter_table_stmt":
      return alterTableOperations(ctx, stmt);
    case "drop_table_stmt":
      return stmt.tables.items.map((node): Operation => ({
        ...sourceOf(ctx, node, stmt.ifExistsKw !== undefined),
        kind: "drop_table",
        table: qualifiedNameOf(ctx, node),
        ...(stmt.behaviorKw?.name === "CASCADE" ? { cascade: true } : {}),
      }));
    case "rename_table_stmt":
      return stmt.actions.items.map((a): Operation => ({ ...sourceOf(ctx, a.from, false), kind: "rename_table", table: qualifiedNameOf(ctx, a.from), newName: qualifiedNameOf(ctx, a.to).name }));
    case "create_index_stmt":
      return createIndexOperations(ctx, stmt);
    case "drop_index_stmt":
      return dropIndexOperations(ctx, stmt);
    case "alter_index_stmt":
      if (stmt.action.type !== "alter_action_rename") return [];
      {
        const index = qualifiedNameOf(ctx, stmt.index);
        return [{ ...sourceOf(ctx, stmt.index, stmt.ifExistsKw !== undefined), kind: "rename_index", name: index.name, ...(index.schema ? { schema: index.schema } : {}), newName: qualifiedNameOf(ctx, stmt.action.newName).name }];
      }
    case "create_type_stmt":
      return createTypeOperations(ctx, stmt);
    case "alter_type_stmt":
      return alterTypeOperations(ctx, stmt);
    case "drop_type_stmt":
      return dropTypeOperations(ctx, stmt);
    case "create_sequence_stmt":
      return createSequenceOperations(ctx, stmt);
    case "alter_sequence_stmt":
      return alterSequenceOperations(ctx, stmt);
    case "drop_sequence_stmt":
      return dropSequenceOperations(ctx, stmt);
    case "create_function_stmt":
      return createFunctionOperations(ctx, stmt);
    case "drop_function_stmt":
      return stmt.signatures.items.map((signature): Operation => ({ ...sourceOf(ctx, signature.name, stmt.ifExistsKw !== undefined), kind: "drop_function", function: qualifiedNameOf(ctx, signature.name) }));
    case "create_domain_stmt":
      return [{ ...sourceOf(ctx, stmt.name, false), kind: "create_domain", domain: qualifiedNameOf(ctx, stmt.name), sql: textOf(ctx, stmt) }];
    case "drop_domain_stmt":
      return stmt.domains.items.map((node): Operation => ({ ...sourceOf(ctx, node, stmt.ifExistsKw !== undefined), kind: "drop_domain", domain: qualifiedNameOf(ctx, node) }));
    case "create_view_stmt":
      return createViewOperations(ctx, stmt);
    case "drop_view_stmt":
      return dropViewOperations(ctx, stmt);
    case "alter_view_stmt":
      return stmt.actions.items.some((a) => a.type === "alter_action_rename" || a.type === "alter_action_rename_column") ? [unknownOp(ctx, "renaming a view or its columns is not modelled", stmt.name)] : [];
    case "insert_stmt":
    case "update_stmt":
    case "delete_stmt":
    case "merge_stmt":
    case "truncate_stmt":
      return dataChangeOperations(ctx, stmt);
    case "select_stmt": {
      // SELECT … INTO [TEMP] TABLE t: a new table whose columns come from the query.
      const into = stmt.clauses.find((c) => c.type === "into_table_clause");
      if (!into || into.type !== "into_table_clause") return callOperations(ctx, stmt);
      const temporary = kindWords(into.kind).some((w) => w === "TEMP" || w === "TEMPORARY");
      return [
        {
          ...sourceOf(ctx, into.name, false),
          kind: "create_table",
          table: qualifiedNameOf(ctx, into.name),
          columns: [],
          constraints: [],
          columnsIncomplete: true,
          ...(temporary ? { temporary: true } : {}),
        },
      ];
    }
    case "compound_select_stmt":
      return [];
    case "create_extension_stmt":
      return [extensionOp(ctx, stmt.type, identifierOf(ctx, stmt.name), false)];
    case "drop_extension_stmt":
      return stmt.names.items.map((name) => extensionOp(ctx, stmt.type, identifierOf(ctx, name), true));
    case "create_schema_stmt":
      return stmt.statements.length > 0 ? [unknownOp(ctx, "CREATE SCHEMA with statements inside is not modelled")] : [];
    default:
      return HARMLESS.has(stmt.type) ? [] : [unknownOp(ctx, unknownReason(stmt.type))];
  }
}

/** The functions a SELECT calls (`SELECT create_partitions('t', 4)`): whether one is the migrations' own is decided in the replay. */
function callOperations(ctx: StatementContext, stmt: Statement): Operation[] {
  const functions: QualifiedName[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    const typed = node as { type?: string; name?: EntityName };
    if (typed.type === "func_call" && typed.name && (typed.name.type === "identifier" || typed.name.type === "member_expr")) functions.push(qualifiedNameOf(ctx, typed.name));
    for (const [key, value] of Object.entries(node)) if (key !== "range") visit(value);
  };
  visit(stmt);
  return functions.length > 0 ? [{ ...sourceOf(ctx, undefined, false), kind: "call", functions }] : [];
}

/** CREATE / DROP EXTENSION: not modelled (it adds types, functions, tables), but named. */
function extensionOp(ctx: StatementContext, type: string, name: string, dropped: boolean): Operation {
  return { ...sourceOf(ctx, undefined, false), kind: "unknown", reason: unknownReason(type), extension: { name, dropped } };
}

/** `create_function_stmt` → "CREATE FUNCTION is not modelled". */
function unknownReason(type: string): string {
  const words = type.endsWith("_stmt") ? type.slice(0, -"_stmt".length) : type;
  const head = words.split("_").join(" ").toUpperCase();
  const detail = UNKNOWN_DETAIL[type];
  return detail ? `${head} is not modelled: ${detail}` : `${head} is not modelled`;
}
