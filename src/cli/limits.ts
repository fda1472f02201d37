/**
 * Resource limits of the CLI, stated once (README "Limits"): worker threads are capped at the machine's cores, and
 * the quadratic-or-worse computations refuse inputs above a documented size unless `--allow-large` is given, with
 * a suggestion of how to shrink the input. Integer flags are parsed here too, so every command rejects the same
 * things the same way (a UsageError: exit 2).
 */
import { availableParallelism } from "node:os";
import { UsageError, warningLine } from "./errors.ts";

/**
 * Largest inputs computed without `--allow-large`, with why. PSY: the GSADF pass visits n²/2 windows and Monte
 * Carlo critical values repeat it nrep times (≈ 6 ns per window on one core: n = 5,000 with 2,000 replications is
 * ≈ 2.5 min; 757,000 daily rows would take weeks). LPPLS: one fit and its crash-time distribution cost ~30 fits of
 * up to n observations; the indicator fits 30 nested windows at every window end (≈ 25 ms per end).
 */
export const LIMITS = Object.freeze({
  psyObservations: 5000,
  lpplsFitObservations: 5000,
  lpplsIndicatorEnds: 5000,
});

/**
 * Parses an integer flag: digits only (an optional minus sign), a safe integer, at least `min`; else UsageError.
 *
 * @example
 * intFlag("seed", "123", 0); // 123
 * intFlag("seed", "100000000000000000000000", 0); // throws UsageError (exit 2)
 */
export function intFlag(name: string, v: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(v);
  if (!/^[+-]?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(
      `--${name} must be an integer ${max === Number.MAX_SAFE_INTEGER ? `>= ${min} (and at most 2^53 - 1)` : `in ${min}..${max}`}, got "${v}"`,
    );
  return n;
}

let threadsWarned = false;

/**
 * Caps a `--threads` value at the cores available (Node's `availableParallelism()`); says so on stderr once per
 * process.
 *
 * @example
 * capThreads(999); // 2 on a two-core machine, with "bubblescope: warning: --threads 999 is more than …"
 */
export function capThreads(requested: number, cores = availableParallelism()): number {
  const max = Math.max(1, cores);
  if (requested <= max) return requested;
  if (!threadsWarned) {
    threadsWarned = true;
    process.stderr.write(
      warningLine(`--threads ${requested} is more than the ${max} core(s) of this machine: using ${max} threads`),
    );
  }
  return max;
}

/**
 * Refuses an input above `limit` unless `allowLarge`: a RangeError (too long a series is bad data: exit 1) naming
 * the size, the limit and how to shrink it.
 *
 * @example
 * checkInputSize("psy", 757000, LIMITS.psyObservations, false, "observations"); // throws RangeError
 */
export function checkInputSize(
  command: string,
  n: number,
  limit: number,
  allowLarge: boolean,
  what: string,
  shrink = "choose a span with --from/--to",
): void {
  if (n <= limit || allowLarge) return;
  throw new RangeError(
    `${command}: ${n} ${what} is above the limit of ${limit} (it could run for hours): ${shrink}, use weekly or monthly data, or pass --allow-large`,
  );
}
