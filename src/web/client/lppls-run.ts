/**
 * The dashboard's LPPLS analysis of one series, run in the analysis Web Worker: on the log of the last `window`
 * observations, the best LPPLS fit (Filimonov & Sornette 2013 formulation; lppls's filter conditions) and the
 * crash-time distribution over nested windows ending at the last observation (quantiles of the qualified fits'
 * tc), packed with the data for the shared chart builder (`lpplsFitChartOption`). Same engine and settings as
 * the report's LPPLS section. Time is the day ordinal for dated series, else 1, 2, … . Browser-safe; seeded.
 * Complexity: about 30 window fits (the distribution) plus one.
 */
import { crashTimeDistribution } from "../../detect/lppls/crashTime.ts";
import { dayOrdinal, ordinalToDate } from "../../detect/lppls/dates.ts";
import { fitLppls } from "../../detect/lppls/fit.ts";
import { lpplsModel } from "../../detect/lppls/model.ts";

export interface LpplsRunOptions {
  /** Observations in the fit window (default: the last 504, or all when fewer). */
  readonly window?: number;
  readonly seed?: number;
}

export const LPPLS_RUN_DEFAULTS = Object.freeze({ window: 504, seed: 123 });

export interface LpplsRunResult {
  readonly name: string;
  readonly dated: boolean;
  readonly window: { readonly start: string | number; readonly end: string | number; readonly n: number };
  readonly fit: {
    readonly tc: number;
    /** tc as a date (dated series) or a time index; "n/a" when not finite. */
    readonly tcLabel: string;
    /** tc − last time (days for dated series). */
    readonly tcAfterLast: number | null;
    readonly m: number;
    readonly omega: number;
    readonly B: number;
    readonly sign: string;
    readonly qualified: boolean;
    readonly conditions: Readonly<Record<string, boolean>>;
  };
  readonly distribution: {
    readonly windows: number;
    readonly qualified: number;
    readonly quantiles: readonly { readonly p: number; readonly tc: number | null; readonly label: string }[];
    /** Outer quantile range in units of t (days), null when no fit qualified. */
    readonly width: number | null;
  };
  readonly chart: {
    readonly t: number[];
    readonly y: number[];
    readonly fitT: number[];
    readonly fitY: number[];
    readonly tc: number;
    readonly tcQuantiles: { p: number; tc: number }[];
  };
}

/**
 * Fits LPPLS to the end of a series.
 *
 * @example
 * runLppls("NVDA", closes, dates, { window: 504 }).fit.tcLabel;
 */
export function runLppls(
  name: string,
  values: ArrayLike<number>,
  dates: readonly string[] | null,
  options: LpplsRunOptions = {},
): LpplsRunResult {
  const o = { ...LPPLS_RUN_DEFAULTS, ...options };
  const n = values.length;
  if (!Number.isInteger(o.window) || o.window < 30)
    throw new RangeError(`LPPLS window must be an integer >= 30, got ${o.window}`);
  const w = Math.min(o.window, n);
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
  const label = (x: number) =>
    !Number.isFinite(x) ? "n/a" : dates ? ordinalToDate(Math.round(x)) : String(Math.round(x));
  const fit = fitLppls(t, y, { preset: "lppls", seed: o.seed });
  const dist = crashTimeDistribution(t, y, { windowSize: w, seed: o.seed });
  const last = t[w - 1];
  const horizon = Number.isFinite(fit.tc) ? Math.min(fit.tc - 1, last + 400) : last;
  const fitT: number[] = [];
  for (let k = 0; k <= 200; k++) fitT.push(t[0] + ((Math.max(horizon, last) - t[0]) * k) / 200);
  const fitY = Array.from(
    lpplsModel(fitT, { tc: fit.tc, m: fit.m, omega: fit.omega, A: fit.A, B: fit.B, C1: fit.C1, C2: fit.C2 }),
  );
  const q = dist.quantiles.filter((d) => Number.isFinite(d.tc));
  return {
    name,
    dated: dates !== null,
    window: { start: dates ? dates[from] : from + 1, end: dates ? dates[n - 1] : n, n: w },
    fit: {
      tc: fit.tc,
      tcLabel: label(fit.tc),
      tcAfterLast: Number.isFinite(fit.tc) ? Math.round(fit.tc - last) : null,
      m: fit.m,
      omega: fit.omega,
      B: fit.B,
      sign: fit.sign,
      qualified: fit.qualification.qualified,
      conditions: { ...fit.qualification },
    },
    distribution: {
      windows: dist.nFits,
      qualified: dist.nQualified,
      quantiles: dist.quantiles.map((d) => ({
        p: d.p,
        tc: Number.isFinite(d.tc) ? d.tc : null,
        label: label(d.tc),
      })),
      width: Number.isFinite(dist.width) ? dist.width : null,
    },
    chart: {
      t: Array.from(t),
      y: Array.from(y),
      fitT,
      fitY: fitY.map((v) => (Number.isFinite(v) ? v : Number.NaN)),
      tc: fit.tc,
      tcQuantiles: q.map((d) => ({ p: d.p, tc: d.tc })),
    },
  };
}
