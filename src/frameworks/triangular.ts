/**
 * Triangular distribution on [low, high] with mode `mode`, sampled by inverting its CDF:
 *   F(c) = (c − a)/(b − a) with c the mode; u < F(c): a + √(u (b − a)(c − a)), else b − √((1 − u)(b − a)(b − c)).
 * Used to turn a ledger figure's low/value/high into an input distribution for Monte Carlo. Complexity O(1).
 */

/**
 * The triangular quantile at u ∈ [0, 1).
 *
 * @example
 * triangularQuantile(0.5, 0, 1, 2); // 1
 */
export function triangularQuantile(u: number, low: number, mode: number, high: number): number {
  if (!(u >= 0 && u <= 1)) throw new RangeError(`u must be in [0, 1], got ${u}`);
  if (!(low <= mode && mode <= high)) {
    throw new RangeError(`need low <= mode <= high, got low ${low}, mode ${mode}, high ${high}`);
  }
  if (high === low) return low;
  const fc = (mode - low) / (high - low);
  const q =
    u < fc
      ? low + Math.sqrt(u * (high - low) * (mode - low))
      : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
  // high − √((b−a)(b−c)) cancels catastrophically near u = 0 when c = a: clamp the rounding error into [low, high].
  return Math.min(high, Math.max(low, q));
}
