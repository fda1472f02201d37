/**
 * Margin structure: gross profit = revenue × gross margin, and the revenue multiple a lower-margin product needs
 * to earn the same gross profit as a higher-margin one: m_high / m_low. This is the talk's "$10 at 90% or $50 at
 * 60%?" question (a16z, 2025-10-31). Margins are in percent (0-100). Complexity O(1).
 */

/**
 * Gross profit of `revenue` at `marginPct` percent.
 *
 * @example
 * grossProfit(50, 60); // 30
 */
export function grossProfit(revenue: number, marginPct: number): number {
  if (!Number.isFinite(revenue)) throw new RangeError(`revenue must be finite, got ${revenue}`);
  if (!(marginPct >= -100 && marginPct <= 100))
    throw new RangeError(`marginPct must be in [-100, 100], got ${marginPct}`);
  return (revenue * marginPct) / 100;
}

/**
 * Revenue multiple needed at margin `lowPct` to match gross profit at margin `highPct`.
 *
 * @example
 * revenueMultipleToMatch(90, 45); // 2
 */
export function revenueMultipleToMatch(highPct: number, lowPct: number): number {
  if (!(lowPct > 0 && lowPct <= 100)) throw new RangeError(`lowPct must be in (0, 100], got ${lowPct}`);
  if (!(highPct > 0 && highPct <= 100)) throw new RangeError(`highPct must be in (0, 100], got ${highPct}`);
  return highPct / lowPct;
}
