/**
 * Input validation shared by the public LPPLS functions: equal lengths, finite values, strictly
 * increasing times, a minimum window length, positive prices before a log transform. Throws RangeError
 * naming the option and the value (low-level kernels never throw; public functions validate once).
 * Complexity O(n).
 */

/**
 * Smallest window any LPPLS fit accepts (7 parameters + at least 3 degrees of freedom).
 *
 * @example
 * MIN_WINDOW; // 10
 */
export const MIN_WINDOW = 10;

/**
 * Checks a (t, y) series.
 *
 * @example
 * validateSeries([1, 2, 2], [1, 1, 1]); // throws RangeError: series: times must be strictly increasing …
 */
export function validateSeries(t: ArrayLike<number>, y: ArrayLike<number>, what = "series"): void {
  if (t.length !== y.length) throw new RangeError(`${what}: t and y lengths differ (${t.length} vs ${y.length})`);
  for (let i = 0; i < t.length; i++) {
    if (!Number.isFinite(t[i])) throw new RangeError(`${what}: time ${i} is not finite (${t[i]})`);
    if (!Number.isFinite(y[i])) throw new RangeError(`${what}: value ${i} is not finite (${y[i]})`);
    if (i > 0 && !(t[i] > t[i - 1])) {
      throw new RangeError(`${what}: times must be strictly increasing (t[${i - 1}] = ${t[i - 1]}, t[${i}] = ${t[i]})`);
    }
  }
}

/**
 * Checks a window length.
 *
 * @example
 * validateWindow(5, "window"); // throws RangeError: window must be an integer of at least 10 observations, got 5
 */
export function validateWindow(n: number, option: string): void {
  if (!Number.isInteger(n) || n < MIN_WINDOW) {
    throw new RangeError(`${option} must be an integer of at least ${MIN_WINDOW} observations, got ${n}`);
  }
}

/**
 * Natural log of positive prices; RangeError naming the first bad row otherwise.
 *
 * @example
 * logPrices([1, Math.E]); // Float64Array [0, 1]
 */
export function logPrices(prices: ArrayLike<number>, what = "price"): Float64Array {
  const out = new Float64Array(prices.length);
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i];
    if (!(p > 0) || !Number.isFinite(p)) {
      throw new RangeError(`${what} ${i} must be positive and finite before taking logs, got ${p}`);
    }
    out[i] = Math.log(p);
  }
  return out;
}

/**
 * Checks a [lo, hi] range option.
 *
 * @example
 * validateRange([2, 1], "m"); // throws RangeError: m must be finite LO:HI with LO <= HI, got 2:1
 */
export function validateRange(r: readonly [number, number], option: string): void {
  if (!(Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] <= r[1])) {
    throw new RangeError(`${option} must be finite LO:HI with LO <= HI, got ${r[0]}:${r[1]}`);
  }
}
