// Small shared helpers for the end-to-end suite: timeouts, polling with a deadline, free ports.
import { createServer } from "node:net";

/** Default budget for one wait; the machine has 2 cores and the workbench is slow to start. */
export const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 120_000);

/**
 * Polls `check` until it returns a truthy value (which is returned) or the deadline passes.
 * Throws an error naming `what` (and the last value/error seen, or what `describe()` returns) on timeout.
 */
export async function waitUntil(check, { what, timeout = TIMEOUT_MS, interval = 250, describe } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const detail = describe
        ? await Promise.resolve().then(describe).catch((error) => error.message)
        : last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeout / 1000}s waiting for ${what ?? "a condition"} (last: ${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Asks the OS for a free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
