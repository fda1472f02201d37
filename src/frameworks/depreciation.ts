/**
 * GPU depreciation-life sensitivity. Straight-line depreciation charges capex / life each year; booking servers
 * over a long life (5-6 years, as the hyperscalers' 10-K useful-life policies do) instead of their economic life
 * (2-3 years, the critics' view) raises reported earnings while the assets are young by
 *   Δ = C · s · (1 / L_economic − 1 / L_booked)   per year, for the first L_economic years,
 * with C the year's capex and s the share of it that is GPUs/servers. Complexity O(1).
 */

/**
 * Annual earnings overstatement from booking `capex·share` over `bookedLife` instead of `economicLife` years.
 *
 * @example
 * depreciationGap(100, 1, 6, 3); // 16.67 (100/3 − 100/6)
 */
export function depreciationGap(capex: number, share: number, bookedLife: number, economicLife: number): number {
  if (!(capex >= 0) || !Number.isFinite(capex)) throw new RangeError(`capex must be finite and >= 0, got ${capex}`);
  if (!(share >= 0 && share <= 1)) throw new RangeError(`share must be in [0, 1], got ${share}`);
  if (!(bookedLife > 0)) throw new RangeError(`bookedLife must be > 0, got ${bookedLife}`);
  if (!(economicLife > 0)) throw new RangeError(`economicLife must be > 0, got ${economicLife}`);
  return capex * share * (1 / economicLife - 1 / bookedLife);
}
