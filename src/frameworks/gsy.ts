/**
 * Greenwood, Shleifer & You, "Bubbles for Fama", Journal of Financial Economics 131(1):20-43, 2019. For US
 * industries 1928-2014, a 2-year price run-up predicts a crash (a 40% drawdown within the next 2 years) with a
 * probability that rises with the run-up: about 20% after a 50% run-up, about 53% after 100% and about 80% after
 * 150% (their conditional crash-probability figure). This module interpolates linearly between those anchor
 * points; outside [50%, 150%] it reports the nearest anchor and flags `extrapolated`.
 *
 * Run-up = P_t / P_{t−2y} − 1 with P_{t−2y} the last observation on or before the date two calendar years earlier.
 * Complexity O(log n) for the look-up (binary search on sorted dates) plus O(k) for the table.
 */

export interface CrashTablePoint {
  /** 2-year run-up in percent. */
  readonly runUpPct: number;
  /** Probability of a 40% crash within 2 years, percent. */
  readonly crashProbPct: number;
}

/** Anchor points read from Greenwood, Shleifer & You (2019). */
export const GSY_TABLE: readonly CrashTablePoint[] = Object.freeze([
  Object.freeze({ runUpPct: 50, crashProbPct: 20 }),
  Object.freeze({ runUpPct: 100, crashProbPct: 53 }),
  Object.freeze({ runUpPct: 150, crashProbPct: 80 }),
]);

export const GSY_SOURCE =
  "Greenwood, Shleifer & You (2019), 'Bubbles for Fama', JFE 131(1):20-43: P(40% crash within 2y | 2y run-up) ≈ 20% at +50%, 53% at +100%, 80% at +150%";

/**
 * Crash probability (percent) for a 2-year run-up (percent), linearly interpolated in the GSY table.
 *
 * @example
 * crashProbability(125); // { probabilityPct: 66.5, extrapolated: false }
 */
export function crashProbability(
  runUpPct: number,
  table: readonly CrashTablePoint[] = GSY_TABLE,
): { probabilityPct: number; extrapolated: boolean } {
  if (!Number.isFinite(runUpPct)) throw new RangeError(`runUpPct must be finite, got ${runUpPct}`);
  if (table.length < 2) throw new RangeError(`table must have at least 2 points, got ${table.length}`);
  for (let i = 1; i < table.length; i++) {
    if (!(table[i].runUpPct > table[i - 1].runUpPct)) throw new RangeError("table run-ups must be strictly increasing");
  }
  const first = table[0];
  const last = table[table.length - 1];
  if (runUpPct <= first.runUpPct)
    return { probabilityPct: first.crashProbPct, extrapolated: runUpPct < first.runUpPct };
  if (runUpPct >= last.runUpPct) return { probabilityPct: last.crashProbPct, extrapolated: runUpPct > last.runUpPct };
  let i = 1;
  while (table[i].runUpPct < runUpPct) i++;
  const a = table[i - 1];
  const b = table[i];
  const w = (runUpPct - a.runUpPct) / (b.runUpPct - a.runUpPct);
  return { probabilityPct: a.crashProbPct + w * (b.crashProbPct - a.crashProbPct), extrapolated: false };
}

/**
 * 2-year run-up (percent) ending at the last observation (or at `endIndex`).
 *
 * @example
 * twoYearRunUp({ dates: ["2020-01-01", "2022-01-01"], values: [1, 2] }); // { runUpPct: 100, from: "2020-01-01", to: "2022-01-01" }
 */
export function twoYearRunUp(
  series: { readonly dates: readonly string[]; readonly values: ArrayLike<number> },
  endIndex = series.values.length - 1,
): { runUpPct: number; from: string; to: string } {
  const n = series.values.length;
  if (series.dates.length !== n)
    throw new RangeError(`dates (${series.dates.length}) and values (${n}) differ in length`);
  if (!(Number.isInteger(endIndex) && endIndex >= 0 && endIndex < n)) {
    throw new RangeError(`endIndex must be in 0..${n - 1}, got ${endIndex}`);
  }
  const to = series.dates[endIndex];
  const target = `${Number(to.slice(0, 4)) - 2}${to.slice(4)}`;
  if (series.dates[0] > target) {
    throw new RangeError(`twoYearRunUp needs data from ${target}, the series starts ${series.dates[0]}`);
  }
  let lo = 0;
  let hi = endIndex;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (series.dates[mid] <= target) lo = mid;
    else hi = mid - 1;
  }
  const p0 = series.values[lo];
  const p1 = series.values[endIndex];
  if (!(p0 > 0) || !(p1 > 0)) throw new RangeError(`prices must be positive, got ${p0} and ${p1}`);
  return { runUpPct: (p1 / p0 - 1) * 100, from: series.dates[lo], to };
}
