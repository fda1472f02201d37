/**
 * Sample quantile by R's default rule (Hyndman & Fan 1996, type 7): with the sorted sample x[0..N-1],
 * h = (N-1)·q, Q(q) = x[⌊h⌋] + (h-⌊h⌋)·(x[⌊h⌋+1] - x[⌊h⌋]). Complexity O(N log N) for the sort.
 *
 * NaN values are an error here (R's quantile stops on NA unless na.rm); use `quantilesOmitNaN` to drop them.
 *
 * @example
 * quantile7([1, 2, 3, 4], [0.5]); // [2.5]
 */
export function quantile7(values: ArrayLike<number>, probs: readonly number[]): number[] {
  const sorted = Float64Array.from(values as ArrayLike<number>);
  for (let i = 0; i < sorted.length; i++) {
    if (Number.isNaN(sorted[i])) throw new RangeError(`quantile7: value ${i} is NaN`);
  }
  sorted.sort();
  return probs.map((q) => quantileSorted(sorted, q));
}

/** Type-7 quantiles after dropping NaN values (R's `quantile(x, na.rm = TRUE)`); NaN if nothing is left. */
export function quantilesOmitNaN(values: ArrayLike<number>, probs: readonly number[]): number[] {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) kept.push(values[i]);
  if (kept.length === 0) return probs.map(() => Number.NaN);
  const sorted = Float64Array.from(kept).sort();
  return probs.map((q) => quantileSorted(sorted, q));
}

/** Type-7 quantile of an already ascending-sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${q}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo];
  const b = sorted[hi];
  if (a === b) return a; // also keeps ±Inf stable
  return a + (h - lo) * (b - a);
}
