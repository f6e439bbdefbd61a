import type { Rule } from "./rule";
import { pythonSyntaxError } from "./pythonSyntaxError";
import { notATextFile } from "./notATextFile";
import { invalidRevision } from "./invalidRevision";
import { unknownRevision } from "./unknownRevision";
import { duplicateRevision } from "./duplicateRevision";
import { revisionCycle } from "./revisionCycle";
import { multipleHeads } from "./multipleHeads";
import { multipleBases } from "./multipleBases";
import { duplicateBranchLabel } from "./duplicateBranchLabel";
import { staleRevisesDocstring } from "./staleRevisesDocstring";
import { unevaluatedExpression } from "./unevaluatedExpression";
import { invalidConfig } from "./invalidConfig";
import { fileTooLarge } from "./fileTooLarge";
import { sqlSyntaxError } from "./sqlSyntaxError";
import { sqlNotUnderstood } from "./sqlNotUnderstood";
import { missingDowngrade } from "./missingDowngrade";
import { incompleteDowngrade } from "./incompleteDowngrade";
import { singleTransactionEnv } from "./singleTransactionEnv";
import { headsAfterMerge } from "./headsAfterMerge";
import { conflictAfterMerge } from "./conflictAfterMerge";
import { outOfOrderMigration } from "./outOfOrderMigration";
import { parentOnBase } from "./parentOnBase";
import { unsupportedDatabase } from "./unsupportedDatabase";
import { missingInitialSchema } from "./schema/missingInitialSchema";

/** Every rule, in the order their findings are listed. */
export const RULES: readonly Rule[] = [
  invalidConfig,
  unsupportedDatabase,
  notATextFile,
  pythonSyntaxError,
  invalidRevision,
  unknownRevision,
  duplicateRevision,
  revisionCycle,
  duplicateBranchLabel,
  multipleHeads,
  multipleBases,
  headsAfterMerge,
  conflictAfterMerge,
  outOfOrderMigration,
  parentOnBase,
  staleRevisesDocstring,
  unevaluatedExpression,
  fileTooLarge,
  sqlSyntaxError,
  sqlNotUnderstood,
  missingDowngrade,
  incompleteDowngrade,
  singleTransactionEnv,
  missingInitialSchema,
];
