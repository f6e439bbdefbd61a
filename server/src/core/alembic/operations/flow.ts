import type { SyntaxNode } from "@lezer/common";
import type { ExecutedSql, Operation, OperationProblem } from "../../schema/operations";

/** What holds at a point of the function being read. */
export interface Flow {
  /** Under an existence check, a try block, or one of several alternatives: may not run as read. */
  readonly guarded: boolean;
  /**
   * Under a condition the analysis cannot evaluate (a setting, offline mode, a loop over run-time
   * data), or after an early exit under one: may not run at all, so its effect is uncertain.
   */
  readonly conditional: boolean;
  /** Inside `op.get_context().autocommit_block()`. */
  readonly autocommit: boolean;
  /** Helper functions being read (with their module's text), innermost last: no recursion, limited depth. */
  readonly helpers: readonly { readonly def: SyntaxNode; readonly text: string }[];
  /** Loops being read once per element: nested ones are read once, to keep the work bounded. */
  readonly unrolling: number;
}

export const TOP_FLOW: Flow = { guarded: false, conditional: false, autocommit: false, helpers: [], unrolling: 0 };

/** Loops nested deeper than this inside unrolled loops are read once, with the variable unknown. */
export const MAX_UNROLL_NESTING = 2;

/** Helpers (local or the project's own) are followed this many calls deep from upgrade() / downgrade(). */
export const MAX_HELPER_DEPTH = 3;

export interface Output {
  readonly operations: Operation[];
  readonly problems: OperationProblem[];
  /** Literal SQL of `op.execute`, for `verify` (absent when the output is only looked at). */
  readonly executed?: ExecutedSql[];
}

/**
 * Records an operation with the flow's flags (set only when true, so plain operations stay plain).
 * A conditional operation is also guarded: neither missing nor duplicate is claimed for it.
 */
export function emit(out: Output, flow: Flow, operation: Operation): void {
  out.operations.push({
    ...operation,
    ...(flow.guarded || flow.conditional || operation.guarded ? { guarded: true } : {}),
    ...(flow.conditional || operation.conditional ? { conditional: true } : {}),
    ...(flow.autocommit || operation.autocommit ? { autocommit: true } : {}),
  });
}

/**
 * How a body ends early: `return`, `continue`/`break` ("loop"), or `raise`. A `return` or
 * `continue` under an existence check skips what follows quietly, so what follows is guarded;
 * a `raise` stops the migration loudly, so what follows is not.
 */
export type Exit = "return" | "loop" | "raise";

export interface Outcome {
  /** Every path through the body ends this way. */
  readonly exit?: Exit;
  /** Some path returns (or continues) under an existence check: what follows runs only when it passed. */
  readonly guardedExit?: Exclude<Exit, "raise">;
  /** Some path ends early (even by raising) under a condition the analysis cannot evaluate: what follows may not run. */
  readonly conditionalExit?: Exit;
}
