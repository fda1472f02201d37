/**
 * Real-time monitoring (Phillips, Shi & Yu 2015 §3; Phillips & Shi 2020): what a user could have known at each
 * date after a training period, with no look-ahead.
 *
 * BSADF(t) uses only y_1..y_t, so the statistic path is the recursive one; what needs care is everything around
 * it: the minimum window is fixed from the training sample (psyMinw(training length) by default — psymonitor's
 * vignette uses the full sample size, a look-ahead), the critical value at t must not depend on later data
 * (MC cvs depend only on t; a bootstrap must be fitted on the training sample), and an episode's end is only
 * known when the statistic falls back (until then it is "ongoing as of t").
 * Complexity: O(n²·K²) for the statistics (one recursive pass), O(n) for the bookkeeping.
 */
import type { CriticalValues } from "./cv.ts";
import { psyMinw } from "./minw.ts";
import { type RadfOptions, radf } from "./radf.ts";

export interface MonitorOptions extends Omit<RadfOptions, "minWindow" | "windowConvention"> {
  /** 0-based index of the last training observation; monitoring starts at the next one. */
  readonly trainingEnd: number;
  /** Minimum window in rows; default psyMinw(trainingEnd + 1). */
  readonly minWindow?: number;
  /** Critical values whose row for t depends only on data up to t (MC, or a bootstrap fitted on the training sample). */
  readonly cv: CriticalValues;
  /** Level for the alarm: 90, 95 (default) or 99. */
  readonly level?: 90 | 95 | 99;
  /** Minimum run length before an alarm is raised (default 1 observation). */
  readonly minDuration?: number;
  readonly dates?: readonly string[] | null;
}

export interface MonitorPoint {
  readonly index: number;
  readonly date: string | number;
  readonly bsadf: number;
  readonly cv: number;
  /** BSADF(t) > cv(t). */
  readonly exceeds: boolean;
  /** An alarm is on at t: the current run of exceedances has lasted ≥ minDuration observations. */
  readonly alarm: boolean;
  /** Start of the current run as known at t (null when not in a run). */
  readonly runStart: string | number | null;
  /** Largest BSADF so far in the monitoring period (the real-time GSADF). */
  readonly gsadfToDate: number;
}

export interface MonitorEpisode {
  readonly start: string | number;
  /** Date the alarm was first raised (start + minDuration − 1). */
  readonly alarmDate: string | number;
  /** First observation back at or below the cv, or null if still ongoing at the last date. */
  readonly end: string | number | null;
  readonly duration: number;
  readonly ongoing: boolean;
}

export interface MonitorResult {
  readonly minWindow: number;
  readonly lag: number;
  readonly trainingEnd: string | number;
  readonly points: readonly MonitorPoint[];
  readonly episodes: readonly MonitorEpisode[];
}

/**
 * @example
 * const cv = mcCriticalValues(y.length, { minWindow: psyMinw(120) });
 * monitor(y, { trainingEnd: 119, cv }).episodes; // alarms as they would have been raised
 */
export function monitor(values: ArrayLike<number>, options: MonitorOptions): MonitorResult {
  const n = values.length;
  const te = options.trainingEnd;
  if (!Number.isInteger(te) || te < 0 || te >= n - 1)
    throw new RangeError(`trainingEnd must be an observation index in [0, ${n - 2}], got ${te}`);
  const level = options.level ?? 95;
  if (![90, 95, 99].includes(level)) throw new RangeError(`level must be 90, 95 or 99, got ${level}`);
  const minDuration = options.minDuration ?? 1;
  if (!Number.isInteger(minDuration) || minDuration < 1)
    throw new RangeError(`minDuration must be an integer >= 1, got ${minDuration}`);
  const m = options.minWindow ?? psyMinw(te + 1);
  const r = radf(values, { ...options, minWindow: m, windowConvention: "rows" });
  const cv = options.cv;
  if (cv.minWindow !== r.minWindow)
    throw new RangeError(`critical values use minimum window ${cv.minWindow}, the monitor uses ${r.minWindow}`);
  if (cv.tb === undefined && cv.n < n)
    throw new RangeError(`critical values cover ${cv.n} observations, the series has ${n}`);
  const first = Math.max(te + 1, r.firstIndex);
  const col = level === 90 ? 0 : level === 95 ? 1 : 2;
  const label = (i: number) => (options.dates ? options.dates[i] : i + 1);
  const bs = r.series[0].bsadf;
  const points: MonitorPoint[] = [];
  const episodes: MonitorEpisode[] = [];
  let runStart = -1;
  let g = Number.NEGATIVE_INFINITY;
  for (let i = first; i < n; i++) {
    const stat = bs[i - r.firstIndex];
    const c = (cv.tb !== undefined ? cv.bsadf[0] : cv.bsadf[i - cv.firstIndex])[col];
    const exceeds = stat > c;
    if (stat > g) g = stat;
    if (exceeds && runStart < 0) runStart = i;
    if (!exceeds && runStart >= 0) {
      const d = i - runStart;
      if (d >= minDuration)
        episodes.push({
          start: label(runStart),
          alarmDate: label(runStart + minDuration - 1),
          end: label(i),
          duration: d,
          ongoing: false,
        });
      runStart = -1;
    }
    const alarm = runStart >= 0 && i - runStart + 1 >= minDuration;
    points.push({
      index: i,
      date: label(i),
      bsadf: stat,
      cv: c,
      exceeds,
      alarm,
      runStart: runStart >= 0 ? label(runStart) : null,
      gsadfToDate: g,
    });
  }
  if (runStart >= 0 && n - runStart >= minDuration)
    episodes.push({
      start: label(runStart),
      alarmDate: label(runStart + minDuration - 1),
      end: null,
      duration: n - runStart,
      ongoing: true,
    });
  return { minWindow: r.minWindow, lag: r.lag, trainingEnd: label(te), points, episodes };
}
