/**
 * One series of a scan: the PSY GSADF test with its 95 % Monte Carlo critical value and the date-stamped episodes
 * (Phillips, Shi & Yu 2015, eqs. 5–8; `radf`, `diagnostics`, `datestamp`), whether an episode is running at the
 * last date and since when; the LPPLS confidence indicator at the last date (Sornette et al. 2015; lppls's nested
 * windows, `lpplsIndicator`); the GSY two-year run-up with its crash probability (Greenwood, Shleifer & You 2019;
 * `twoYearRunUp`, `crashProbability`) and GMO's z-score against the log-linear trend (`twoSigma`). Every number
 * comes from those library functions; this file only assembles them. A test that cannot run on this series
 * (too short for two years, for LPPLS's window…) is null with its reason in `notes`; a series the scan cannot
 * test at all is returned by {@link failedResult} with `error`.
 * Complexity: PSY O(n²) windows (lag 0: O(1) each) + LPPLS ~30 window fits + O(n) for GSY and GMO.
 */

import { dayOrdinal } from "../detect/lppls/dates.ts";
import { lpplsIndicator } from "../detect/lppls/indicator.ts";
import type { CriticalValues } from "../detect/psy/cv.ts";
import { datestamp, diagnostics } from "../detect/psy/datestamp.ts";
import { radf } from "../detect/psy/radf.ts";
import { twoSigma } from "../frameworks/gmo.ts";
import { crashProbability, twoYearRunUp } from "../frameworks/gsy.ts";
import type { PreparedSeries } from "./prepare.ts";
import type { ScanSettings } from "./settings.ts";

/** One episode as in `bubblescope psy --json`. */
export interface ScanEpisode {
  readonly start: string;
  readonly peak: string;
  readonly end: string;
  readonly duration: number;
  readonly ongoing: boolean;
  readonly signal: "positive" | "negative";
}

/** The result for one series (the `series[]` element of `bubblescope scan --json`). */
export interface ScanSeriesResult {
  readonly name: string;
  /** Observations in the PSY test window. */
  readonly n: number;
  readonly from: string | null;
  readonly to: string | null;
  /** First date with a BSADF statistic (the series counts in the breadth from there). */
  readonly bsadfFrom: string | null;
  readonly gsadf: number | null;
  readonly cv95: number | null;
  readonly rejected: boolean;
  readonly episodes: readonly ScanEpisode[];
  readonly current: { readonly explosive: boolean; readonly since: string | null };
  readonly lppls: { readonly posConf: number; readonly negConf: number } | null;
  readonly gsy: {
    readonly runUpPct: number;
    readonly from: string;
    readonly crashProbabilityPct: number;
    readonly extrapolated: boolean;
  } | null;
  readonly gmo: { readonly z: number; readonly priceToTrend: number; readonly bubble: boolean } | null;
  /**
   * The BSADF path in brief, for heat maps: BSADF(t) divided by its critical value at the date-stamping level
   * (`settings.level`, 95% by default: the same cv sequence the episodes are stamped with), so a ratio above 1 is an
   * explosive observation and the colour break is 1. The window is cut into at most {@link HEAT_BUCKETS}
   * consecutive buckets of equal length (the last may be shorter); each keeps its last date and the MAXIMUM ratio of
   * its observations — a mean would average a short explosive stretch away, the maximum keeps "some observation of
   * this bucket was explosive" exact: a bucket's ratio is > 1 exactly when it holds an exceeding observation.
   * Values are rounded to 4 significant digits (never across 1: a value above 1 stays above 1); null where no
   * observation of the bucket has a statistic (before the first BSADF) or where the critical value is ≤ 0 (the
   * first few observations, where the ratio has no meaning). Null for a failed series.
   */
  readonly heat: { readonly dates: readonly string[]; readonly ratio: readonly (number | null)[] } | null;
  /** Why a sub-test is null. */
  readonly notes: readonly string[];
  readonly error?: string;
}

const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);
const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The result of a series that could not be tested.
 *
 * @example
 * failedResult("X", "too short").error; // "too short"
 */
export function failedResult(name: string, error: string, p?: PreparedSeries): ScanSeriesResult {
  return {
    name,
    n: p ? p.dates.length - p.windowStart : 0,
    from: p ? p.dates[p.windowStart] : null,
    to: p ? p.dates[p.dates.length - 1] : null,
    bsadfFrom: null,
    gsadf: null,
    cv95: null,
    rejected: false,
    episodes: [],
    current: { explosive: false, since: null },
    lppls: null,
    gsy: null,
    gmo: null,
    heat: null,
    notes: [],
    error,
  };
}

/**
 * Runs every test of the scan on one prepared series, with the Monte Carlo table for its test length.
 *
 * @example
 * const cv = mcCriticalValues(260, { nrep: 2000, seed: 123 });
 * scanSeries(prepareSeries(raw, settings), cv, settings).current.explosive;
 */
export function scanSeries(p: PreparedSeries, cv: CriticalValues, settings: ScanSettings): ScanSeriesResult {
  const notes: string[] = [];
  const wDates = p.dates.slice(p.windowStart);
  const wPrices = p.values.slice(p.windowStart);
  const n = wDates.length;
  if (cv.n !== n) throw new RangeError(`${p.name}: critical values are for n = ${cv.n}, the window has ${n}`);
  const tested = settings.log ? wPrices.map(Math.log) : wPrices;
  const r = radf([{ name: p.name, values: tested }], { lag: settings.lag, minWindow: cv.minWindow });
  const diag = diagnostics(r, cv, "gsadf")[0];
  const ds = datestamp(r, cv, {
    level: settings.level,
    minDuration: settings.minDuration,
    nonrejected: true,
    dates: wDates,
    values: [tested],
  })[0];
  const episodes: ScanEpisode[] = ds.episodes.map((e) => ({
    start: String(e.start),
    peak: String(e.peak),
    end: String(e.end),
    duration: e.duration,
    ongoing: e.ongoing,
    signal: e.signal,
  }));
  const last = episodes[episodes.length - 1];
  const current = last?.ongoing ? { explosive: true, since: last.start } : { explosive: false, since: null };

  let lppls: ScanSeriesResult["lppls"] = null;
  if (settings.lppls) {
    const L = settings.lpplsWindow;
    if (p.dates.length < L) notes.push(`lppls: needs ${L} observations, the series has ${p.dates.length}`);
    else {
      try {
        const d = p.dates.slice(-L);
        const t = Float64Array.from(d, dayOrdinal);
        const y = Float64Array.from(p.values.slice(-L), Math.log);
        const pt = lpplsIndicator(t, y, { windowSize: L, endRows: [L - 1], seed: settings.seed }).points[0];
        lppls = { posConf: pt.posConf, negConf: pt.negConf };
      } catch (e) {
        notes.push(`lppls: ${why(e)}`);
      }
    }
  }
  let gsy: ScanSeriesResult["gsy"] = null;
  try {
    const ru = twoYearRunUp({ dates: p.dates, values: p.values });
    const cp = crashProbability(ru.runUpPct);
    gsy = {
      runUpPct: ru.runUpPct,
      from: ru.from,
      crashProbabilityPct: cp.probabilityPct,
      extrapolated: cp.extrapolated,
    };
  } catch (e) {
    notes.push(`gsy: ${why(e)}`);
  }
  let gmo: ScanSeriesResult["gmo"] = null;
  try {
    const z = twoSigma({ dates: p.dates, values: p.values });
    gmo = { z: z.z, priceToTrend: z.priceToTrend, bubble: z.bubble };
  } catch (e) {
    notes.push(`gmo: ${why(e)}`);
  }
  return {
    name: p.name,
    n,
    from: wDates[0],
    to: wDates[n - 1],
    bsadfFrom: wDates[r.firstIndex],
    gsadf: fin(r.series[0].gsadf),
    cv95: fin(cv.gsadf[1]),
    rejected: diag.rejected,
    episodes,
    current,
    lppls,
    gsy,
    gmo,
    heat: heatPath(r.series[0].bsadf, r.firstIndex, cv, settings.level, wDates),
    notes,
  };
}

/** Most buckets of a {@link ScanSeriesResult.heat} path (three years of weeks: a weekly series of 2,000 observations gives ~13 a bucket). */
export const HEAT_BUCKETS = 156;

/**
 * 4 significant digits, never rounded across 1 (the explosive break): 1.00004 → 1.001, 0.99996 → 0.9999.
 *
 * @example
 * roundRatio(1.23456); // 1.235
 */
export function roundRatio(x: number): number {
  let r = Number(x.toPrecision(4));
  if (x > 1 && r <= 1) r = 1.001;
  else if (x < 1 && r >= 1) r = 0.9999;
  return r;
}

/**
 * BSADF / critical value downsampled to at most `buckets` buckets by the maximum (see {@link ScanSeriesResult.heat}).
 * `stat[k]` is the statistic of observation `firstIndex + k`; `dates` has one date per observation.
 * Complexity O(n).
 *
 * @example
 * heatPath(r.series[0].bsadf, r.firstIndex, cv, 95, dates).ratio.length; // ≤ 156
 */
export function heatPath(
  stat: ArrayLike<number>,
  firstIndex: number,
  cv: CriticalValues,
  level: 90 | 95 | 99,
  dates: readonly string[],
  buckets = HEAT_BUCKETS,
): NonNullable<ScanSeriesResult["heat"]> {
  const n = dates.length;
  const col = level === 90 ? 0 : level === 95 ? 1 : 2;
  const size = Math.max(1, Math.ceil(n / buckets));
  const out = { dates: [] as string[], ratio: [] as (number | null)[] };
  for (let a = 0; a < n; a += size) {
    const b = Math.min(n, a + size);
    let best = Number.NEGATIVE_INFINITY;
    for (let i = Math.max(a, firstIndex); i < b; i++) {
      const c = cv.tb !== undefined ? cv.bsadf[0][col] : cv.bsadf[i - cv.firstIndex]?.[col];
      const s = stat[i - firstIndex];
      if (c === undefined || !(c > 0) || !Number.isFinite(s)) continue;
      if (s / c > best) best = s / c;
    }
    out.dates.push(dates[b - 1]);
    out.ratio.push(Number.isFinite(best) ? roundRatio(best) : null);
  }
  return out;
}
