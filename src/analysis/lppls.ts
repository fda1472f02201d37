/**
 * One LPPLS analysis of the end of a price series, as the report, the CLI-facing library and the dashboard run it:
 * on the log of the last `window` observations (optionally up to an end date), the best LPPLS fit (Filimonov &
 * Sornette 2013 formulation, lppls's filter conditions), the crash-time distribution over nested windows ending
 * there (type-7 quantiles of the qualified fits' tc; Sornette et al. 2015), optionally the confidence indicator
 * over the window's last `indicatorSpan` observations, and the data for the shared chart builder.
 *
 * A fit whose search failed (lppls's all-zero result, tc = 0) or whose parameters are not finite is a typed
 * failure `{ ok: false, reason }`: it never reaches a chart, a table or a sentence as numbers.
 * Time is the day ordinal for dated series, else 1, 2, … . Browser-safe; seeded.
 * Complexity: about 30 window fits (the distribution) plus one, plus ~25 × 30 for the indicator when asked.
 */
import { crashTimeDistribution } from "../detect/lppls/crashTime.ts";
import { dayOrdinal, ordinalToDate } from "../detect/lppls/dates.ts";
import { fitLppls } from "../detect/lppls/fit.ts";
import { lpplsIndicator } from "../detect/lppls/indicator.ts";
import { lpplsModel } from "../detect/lppls/model.ts";
import type { LpplsFit } from "../detect/lppls/result.ts";
import { ANALYSIS_DEFAULTS } from "./series.ts";

export interface LpplsAnalysisOptions {
  /** Observations in the fit window (default 504); fewer are used when the series is shorter, down to 30. */
  readonly window?: number;
  readonly seed?: number;
  /** Last date (ISO, inclusive) of the window for a dated series (default: the last observation). */
  readonly end?: string;
  /** Also compute the confidence indicator over the last `indicatorSpan` observations (default false). */
  readonly indicator?: boolean;
  readonly indicatorSpan?: number;
  readonly outerIncrement?: number;
}

/** The best fit, or why there is none. */
export type LpplsFitState =
  | {
      readonly ok: true;
      readonly tc: number;
      /** tc as a date (dated series) or a time index. */
      readonly tcLabel: string;
      /** tc − last time, rounded (days for dated series). */
      readonly tcAfterLast: number;
      readonly m: number;
      readonly omega: number;
      readonly A: number;
      readonly B: number;
      readonly C1: number;
      readonly C2: number;
      readonly sign: string;
      readonly qualified: boolean;
      readonly conditions: Readonly<Record<string, boolean>>;
    }
  | { readonly ok: false; readonly reason: string; readonly qualified: false };

export interface LpplsAnalysis {
  readonly name: string;
  readonly dated: boolean;
  readonly window: { readonly start: string | number; readonly end: string | number; readonly n: number };
  readonly fit: LpplsFitState;
  readonly distribution: {
    readonly windows: number;
    readonly qualified: number;
    /** Quantiles of the qualified fits' tc (null when none qualified). */
    readonly quantiles: readonly { readonly p: number; readonly tc: number | null; readonly label: string | null }[];
    /** Outer quantile range in units of t (days), null when no fit qualified. */
    readonly width: number | null;
  };
  /** Confidence indicator points (t2 = the window end's time), when asked for. */
  readonly indicator: readonly { readonly t2: number; readonly posConf: number; readonly negConf: number }[] | null;
  readonly chart: {
    readonly t: number[];
    readonly y: number[];
    /** The fitted curve from the window start to min(tc − 1, last + 400); empty when the fit failed. */
    readonly fitT: number[];
    readonly fitY: number[];
    readonly tc: number | null;
    readonly tcQuantiles: { p: number; tc: number }[];
  };
}

/**
 * The typed state of a fit: a failure (search failed, non-finite parameters) carries only the reason.
 *
 * @example
 * summariseFit(failedFit(1, 100, 100, FILTER_PRESETS.lppls, 0), 100, String).ok; // false
 */
export function summariseFit(fit: LpplsFit, last: number, label: (x: number) => string): LpplsFitState {
  if (fit.failed) return { ok: false, reason: "every LPPLS search failed (no fit)", qualified: false };
  const params = [fit.tc, fit.m, fit.omega, fit.A, fit.B, fit.C1, fit.C2];
  if (!params.every(Number.isFinite))
    return { ok: false, reason: "the LPPLS fit has non-finite parameters (no fit)", qualified: false };
  return {
    ok: true,
    tc: fit.tc,
    tcLabel: label(fit.tc),
    tcAfterLast: Math.round(fit.tc - last),
    m: fit.m,
    omega: fit.omega,
    A: fit.A,
    B: fit.B,
    C1: fit.C1,
    C2: fit.C2,
    sign: fit.sign,
    qualified: fit.qualification.qualified,
    conditions: { ...fit.qualification },
  };
}

/** The observations an LPPLS analysis with these options would use (for a "not computed" check). */
export function lpplsRows(dates: readonly string[] | null, n: number, end?: string): number {
  if (!dates || end === undefined) return n;
  let k = 0;
  for (let i = 0; i < n; i++) if (dates[i] <= end) k = i + 1;
  return k;
}

/**
 * Fits LPPLS to the end of a series (up to `end`).
 *
 * @example
 * analyseLppls("NVDA", closes, dates, { window: 504, seed: 123 }).fit.ok;
 */
export function analyseLppls(
  name: string,
  values: ArrayLike<number>,
  dates: readonly string[] | null,
  options: LpplsAnalysisOptions = {},
): LpplsAnalysis {
  const window = options.window ?? ANALYSIS_DEFAULTS.lpplsWindow;
  const seed = options.seed ?? ANALYSIS_DEFAULTS.seed;
  if (!Number.isInteger(window) || window < 30)
    throw new RangeError(`LPPLS window must be an integer >= 30, got ${window}`);
  const n = lpplsRows(dates, values.length, options.end);
  const w = Math.min(window, n);
  if (w < 30) throw new RangeError(`LPPLS needs at least 30 observations, the series has ${n}`);
  const from = n - w;
  const t = new Float64Array(w);
  const y = new Float64Array(w);
  for (let i = 0; i < w; i++) {
    const v = values[from + i];
    if (!(v > 0) || !Number.isFinite(v))
      throw new RangeError(`LPPLS fits log prices: value ${from + i + 1} is ${v}, not a positive number`);
    y[i] = Math.log(v);
    t[i] = dates ? dayOrdinal(dates[from + i]) : from + i + 1;
  }
  const label = (x: number) => (dates ? ordinalToDate(Math.round(x)) : String(Math.round(x)));
  const last = t[w - 1];
  const raw = fitLppls(t, y, { preset: "lppls", seed });
  const fit = summariseFit(raw, last, label);
  const dist = crashTimeDistribution(t, y, { windowSize: w, seed });
  const fitT: number[] = [];
  let fitY: number[] = [];
  if (fit.ok) {
    const horizon = Math.max(Math.min(fit.tc - 1, last + 400), last);
    for (let k = 0; k <= 200; k++) fitT.push(t[0] + ((horizon - t[0]) * k) / 200);
    fitY = Array.from(lpplsModel(fitT, fit), (v) => (Number.isFinite(v) ? v : Number.NaN));
  }
  const span = options.indicatorSpan ?? ANALYSIS_DEFAULTS.lpplsIndicatorSpan;
  const indicator = options.indicator
    ? lpplsIndicator(t, y, {
        fromRow: Math.max(0, w - span),
        outerIncrement: options.outerIncrement ?? ANALYSIS_DEFAULTS.lpplsOuterIncrement,
        seed,
      }).points.map((p) => ({ t2: p.t2, posConf: p.posConf, negConf: p.negConf }))
    : null;
  const finiteQ = dist.quantiles.filter((d) => Number.isFinite(d.tc));
  return {
    name,
    dated: dates !== null,
    window: { start: dates ? dates[from] : from + 1, end: dates ? dates[n - 1] : n, n: w },
    fit,
    distribution: {
      windows: dist.nFits,
      qualified: dist.nQualified,
      quantiles: dist.quantiles.map((d) => ({
        p: d.p,
        tc: Number.isFinite(d.tc) ? d.tc : null,
        label: Number.isFinite(d.tc) ? label(d.tc) : null,
      })),
      width: Number.isFinite(dist.width) ? dist.width : null,
    },
    indicator,
    chart: {
      t: Array.from(t),
      y: Array.from(y),
      fitT,
      fitY,
      tc: fit.ok ? fit.tc : null,
      tcQuantiles: finiteQ.map((d) => ({ p: d.p, tc: d.tc })),
    },
  };
}
