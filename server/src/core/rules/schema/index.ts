import type { OperationRule } from "../operationRule";
import { tableNotFound } from "./tableNotFound";
import { tableDroppedEarlier } from "./tableDroppedEarlier";
import { tableAlreadyExists } from "./tableAlreadyExists";
import { columnNotFound } from "./columnNotFound";
import { columnAlreadyExists } from "./columnAlreadyExists";
import { indexNotFound } from "./indexNotFound";
import { referenceNotFound } from "./referenceNotFound";
import { typeNotFound } from "./typeNotFound";
import { dropTable } from "./dropTable";
import { dropTableReferenced } from "./dropTableReferenced";
import { dropColumn } from "./dropColumn";
import { renameTable } from "./renameTable";
import { renameColumn } from "./renameColumn";
import { changeColumnType } from "./changeColumnType";
import { addRequiredColumn } from "./addRequiredColumn";
import { setNotNull } from "./setNotNull";
import { addUniqueConstraint } from "./addUniqueConstraint";
import { addForeignKey } from "./addForeignKey";
import { addCheckConstraint } from "./addCheckConstraint";
import { nonConcurrentIndex } from "./nonConcurrentIndex";
import { concurrentlyInTransaction } from "./concurrentlyInTransaction";
import { dropIndex } from "./dropIndex";
import { dropConstraint } from "./dropConstraint";
import { dataChange } from "./dataChange";

/** Rules that judge each upgrade operation against the replayed schema. */
export const OPERATION_RULES: readonly OperationRule[] = [
  tableNotFound,
  tableDroppedEarlier,
  tableAlreadyExists,
  columnNotFound,
  columnAlreadyExists,
  indexNotFound,
  referenceNotFound,
  typeNotFound,
  dropTable,
  dropTableReferenced,
  dropColumn,
  renameTable,
  renameColumn,
  changeColumnType,
  addRequiredColumn,
  setNotNull,
  addUniqueConstraint,
  addForeignKey,
  addCheckConstraint,
  nonConcurrentIndex,
  concurrentlyInTransaction,
  dropIndex,
  dropConstraint,
  dataChange,
];
