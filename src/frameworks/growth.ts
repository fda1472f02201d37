/**
 * Doubling time of a quantity that grew from v0 to v1 over an interval Δt, assuming constant exponential growth:
 * T₂ = Δt · ln 2 / ln(v1 / v0). Also the growth multiple v1 / v0 and the implied annual growth factor
 * (v1 / v0)^(12 / months). Complexity O(1).
 */

/**
 * Doubling time in the unit of `interval` (months in, months out).
 *
 * @example
 * doublingTime(9.7, 1300, 17); // ≈ 2.40 (Google tokens, May 2024 → Oct 2025, months)
 */
export function doublingTime(v0: number, v1: number, interval: number): number {
  if (!(v0 > 0) || !Number.isFinite(v0)) throw new RangeError(`v0 must be a positive finite number, got ${v0}`);
  if (!(v1 > 0) || !Number.isFinite(v1)) throw new RangeError(`v1 must be a positive finite number, got ${v1}`);
  if (!(interval > 0) || !Number.isFinite(interval)) {
    throw new RangeError(`interval must be a positive finite number, got ${interval}`);
  }
  const r = Math.log(v1 / v0);
  // No growth (r = 0) → never doubles; decline (r < 0) → the quantity halves instead: report +∞.
  return r > 0 ? (interval * Math.LN2) / r : Number.POSITIVE_INFINITY;
}

/**
 * Annualised growth factor from a multiple achieved over `months`.
 *
 * @example
 * annualGrowthFactor(4, 24); // 2
 */
export function annualGrowthFactor(multiple: number, months: number): number {
  if (!(multiple > 0)) throw new RangeError(`multiple must be positive, got ${multiple}`);
  if (!(months > 0)) throw new RangeError(`months must be positive, got ${months}`);
  return multiple ** (12 / months);
}
