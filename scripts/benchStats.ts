// Small number helpers shared by every part of the benchmark (medians, percentiles, formatting),
// so each measurement file reports its figures the same way.
import { performance } from "node:perf_hooks";

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Nearest-rank percentile (p in 0..100): with 20 samples p95 is the 19th smallest. */
export const percentile = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

/** Runs `fn` and returns its value and how long it took, in milliseconds. */
export function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

export const ms = (x: number | undefined): string =>
  x === undefined || Number.isNaN(x) ? "?" : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`;

export const mib = (bytes: number | undefined): string => (bytes === undefined ? "?" : `${(bytes / 2 ** 20).toFixed(0)} MiB`);

/** "2.4×": how many times longer `a` took than `b`. */
export const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || !(b > 0) ? "n/a" : `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×`;

export const count = (n: number): string => n.toLocaleString("en-US");
