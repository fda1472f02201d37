/**
 * Data-quality checks on an imported price table, reported as warnings (the data are kept as given):
 * - non-trading dates in daily data: Saturdays, Sundays, 1 January and 25 December (NYSE is always closed then);
 * - split-like jumps: a day-on-day close ratio within 2 % of 1/k (k = 1.5, 2, 3, 4, 5, 7, 8, 10, 15, 20, 25, 30, 40, 50)
 *   or of an integer k ≥ 2 (a reverse split), which usually means an unadjusted close; AMD's real +52 % on
 *   2016-04-22 is 1.52 and is not flagged;
 * - non-positive closes and high < low.
 * Complexity O(n).
 */
import type { PriceRows } from "./price-csv.ts";

/** One split-like jump between two consecutive rows. */
export interface SplitJump {
  readonly date: string;
  readonly previousDate: string;
  /** close[t] / close[t-1]. */
  readonly ratio: number;
  /** e.g. "4:1" for a ratio of 0.25, "1:8" for a reverse split with ratio 8. */
  readonly split: string;
}

const FORWARD = [1.5, 2, 3, 4, 5, 7, 8, 10, 15, 20, 25, 30, 40, 50];
const TOL = 0.02;

/**
 * Finds day-on-day moves that look like an unadjusted stock split.
 *
 * @example
 * detectSplitJumps(["2024-06-07", "2024-06-10"], [1208.88, 121.79])[0].split; // "10:1"
 */
export function detectSplitJumps(dates: readonly string[], close: readonly (number | null)[]): SplitJump[] {
  const out: SplitJump[] = [];
  let prev = -1;
  for (let i = 0; i < close.length; i++) {
    const c = close[i];
    if (c === null || !(c > 0)) continue;
    if (prev >= 0) {
      const p = close[prev] as number;
      const r = c / p;
      let split: string | undefined;
      if (r < 0.7) {
        for (const k of FORWARD) if (Math.abs(r * k - 1) <= TOL) split = `${k === 1.5 ? "3:2" : `${k}:1`}`;
      } else if (r > 1.9) {
        const k = Math.round(r);
        if (k >= 2 && Math.abs(r / k - 1) <= TOL) split = `1:${k}`;
      }
      if (split !== undefined) out.push({ date: dates[i], previousDate: dates[prev], ratio: r, split });
    }
    prev = i;
  }
  return out;
}

/** Day of week of an ISO date, 0 = Sunday. */
export function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

/** Median gap in calendar days between consecutive dates (0 for fewer than two dates). */
export function medianGapDays(dates: readonly string[]): number {
  if (dates.length < 2) return 0;
  const gaps: number[] = [];
  for (let i = 1; i < dates.length; i++) gaps.push((Date.parse(dates[i]) - Date.parse(dates[i - 1])) / 86_400_000);
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
}

/** Dates on which US exchanges never trade (weekends, 1 Jan, 25 Dec); only meaningful for daily data. */
export function nonTradingDates(dates: readonly string[]): string[] {
  return dates.filter((d) => {
    const w = weekday(d);
    const md = d.slice(5);
    return w === 0 || w === 6 || md === "01-01" || md === "12-25";
  });
}

/**
 * Runs every check and returns one-line warnings.
 *
 * @example
 * checkPriceRows({ dates: ["2020-01-04"], close: [1], open: [null], high: [null], low: [null], adj_close: [null], volume: [null] });
 * // [] (a single row is not "daily" data, so the Saturday is not flagged)
 */
export function checkPriceRows(rows: PriceRows): string[] {
  const warnings: string[] = [];
  const daily = rows.dates.length >= 5 && medianGapDays(rows.dates) <= 3;
  if (daily) {
    const bad = nonTradingDates(rows.dates);
    if (bad.length > 0) {
      warnings.push(
        `${bad.length} non-trading date(s) in daily data (weekend or 1 Jan/25 Dec), e.g. ${bad.slice(0, 3).join(", ")}`,
      );
    }
  }
  for (const j of detectSplitJumps(rows.dates, rows.close)) {
    warnings.push(
      `possible ${j.split} split not adjusted in close on ${j.date} (ratio ${j.ratio.toPrecision(4)} vs ${j.previousDate})`,
    );
  }
  const nonPos = rows.close.filter((c) => c <= 0).length;
  if (nonPos > 0) warnings.push(`${nonPos} row(s) with a non-positive close`);
  let inverted = 0;
  for (let i = 0; i < rows.dates.length; i++) {
    const h = rows.high[i];
    const l = rows.low[i];
    if (h !== null && l !== null && h < l) inverted++;
  }
  if (inverted > 0) warnings.push(`${inverted} row(s) with high < low`);
  return warnings;
}
