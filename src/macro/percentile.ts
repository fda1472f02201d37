/**
 * Percentile rank of a value in a history: 100 × (number of observations ≤ value) / (number of observations),
 * ignoring NaN (the "weak" percentile rank, so the historical maximum has rank 100). O(n).
 *
 * @example
 * percentileRank([1, 2, 3, 4], 3); // 75
 */
export function percentileRank(history: readonly number[], value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`percentileRank: value must be finite, got ${value}`);
  let n = 0;
  let le = 0;
  for (const h of history) {
    if (!Number.isFinite(h)) continue;
    n++;
    if (h <= value) le++;
  }
  if (n === 0) throw new RangeError("percentileRank: the history has no finite observation");
  return (100 * le) / n;
}
