/**
 * Bubble breadth: the share of a basket in a PSY explosive episode at each date. A series counts at date d when
 * d lies in its test window from its first BSADF date to its last date ("covered"); it is explosive at d when d
 * falls in one of its date-stamped episodes [start, end) (an ongoing episode includes its last date). Dates are
 * the union of the series' window dates, so baskets on different trading calendars still align.
 * Complexity O(D·(S + E)) for D dates, S series and E episodes in all.
 */
import type { ScanSeriesResult } from "./scan-series.ts";

/** Breadth sequence (columnar, aligned by index). */
export interface Breadth {
  readonly dates: readonly string[];
  /** explosive / covered (null where no series is covered). */
  readonly share: readonly (number | null)[];
  readonly explosive: readonly number[];
  readonly covered: readonly number[];
}

/** Whether a series is in an episode at date d. */
export function explosiveAt(s: ScanSeriesResult, d: string): boolean {
  for (const e of s.episodes) if (d >= e.start && (d < e.end || (e.ongoing && d <= e.end))) return true;
  return false;
}

/**
 * Breadth of a basket from the scan results and each series' dates.
 *
 * @example
 * const b = breadth(results, datesByName);
 * b.share[b.share.length - 1]; // share explosive at the last date
 */
export function breadth(
  results: readonly ScanSeriesResult[],
  datesOf: (name: string) => readonly string[] | undefined,
): Breadth {
  const ok = results.filter((r) => !r.error && r.bsadfFrom !== null && r.to !== null);
  const all = new Set<string>();
  for (const r of ok) {
    for (const d of datesOf(r.name) ?? []) if (d >= (r.bsadfFrom as string) && d <= (r.to as string)) all.add(d);
  }
  const dates = [...all].sort();
  const share: (number | null)[] = [];
  const explosive: number[] = [];
  const covered: number[] = [];
  for (const d of dates) {
    let c = 0;
    let x = 0;
    for (const r of ok) {
      if (d < (r.bsadfFrom as string) || d > (r.to as string)) continue;
      c++;
      if (explosiveAt(r, d)) x++;
    }
    covered.push(c);
    explosive.push(x);
    share.push(c > 0 ? x / c : null);
  }
  return { dates, share, explosive, covered };
}

/** Breadth at a date (the last breadth date on or before it) and its maximum over the preceding `lookback` dates. */
export interface BreadthAt {
  readonly date: string | null;
  readonly share: number | null;
  readonly explosive: number;
  readonly covered: number;
  readonly peakShare: number | null;
  readonly peakDate: string | null;
}

/**
 * Breadth read at a date, with its recent peak.
 *
 * @example
 * breadthAt(b, "2000-03-10", 52).share;
 */
export function breadthAt(b: Breadth, date: string, lookback = 52): BreadthAt {
  let i = -1;
  for (let k = 0; k < b.dates.length; k++) if (b.dates[k] <= date) i = k;
  if (i < 0) return { date: null, share: null, explosive: 0, covered: 0, peakShare: null, peakDate: null };
  let peak: number | null = null;
  let peakDate: string | null = null;
  for (let k = Math.max(0, i - lookback + 1); k <= i; k++) {
    const s = b.share[k];
    if (s !== null && (peak === null || s > peak)) {
      peak = s;
      peakDate = b.dates[k];
    }
  }
  return {
    date: b.dates[i],
    share: b.share[i],
    explosive: b.explosive[i],
    covered: b.covered[i],
    peakShare: peak,
    peakDate,
  };
}
