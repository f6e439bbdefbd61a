/**
 * Work done in pieces: each `yield` is a place where it may pause, so the language server can
 * answer requests (and drop the work when an edit makes it stale) in the middle of an analysis.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps to their end without pausing (the CLI, tests, a request that needs the result now). */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
