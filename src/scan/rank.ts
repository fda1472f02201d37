/**
 * Ranking of scan results: series in an explosive episode at the last date first (earliest start first), then
 * series whose GSADF rejects at 95 %, then by the margin GSADF − cv95 (largest first); failed series last; ties
 * by name, so the order never depends on which worker finished first. Complexity O(S log S).
 */
import type { ScanSeriesResult } from "./scan-series.ts";

/** GSADF minus its 95 % critical value (null when either is missing). */
export function margin(r: ScanSeriesResult): number | null {
  return r.gsadf !== null && r.cv95 !== null ? r.gsadf - r.cv95 : null;
}

/**
 * Sorted copy of the results.
 *
 * @example
 * rankResults(results)[0].current.explosive; // true when any series is explosive now
 */
export function rankResults(results: readonly ScanSeriesResult[]): ScanSeriesResult[] {
  const key = (r: ScanSeriesResult) => (r.error ? 3 : r.current.explosive ? 0 : r.rejected ? 1 : 2);
  return [...results].sort((a, b) => {
    const k = key(a) - key(b);
    if (k !== 0) return k;
    if (a.current.explosive && b.current.explosive && a.current.since !== b.current.since)
      return (a.current.since ?? "") < (b.current.since ?? "") ? -1 : 1;
    const ma = margin(a) ?? Number.NEGATIVE_INFINITY;
    const mb = margin(b) ?? Number.NEGATIVE_INFINITY;
    if (ma !== mb) return mb - ma;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}
