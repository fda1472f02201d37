/**
 * Crash-time (tc) distribution at one date: LPPLS fits on a family of windows that all end at t2
 * (lengths from `windowSize` down to `smallestWindowSize` in steps of `step`; the multi-scale idea of
 * Sornette et al. 2015 and Demirer et al. 2017), and the type-7 quantiles of the qualified fits' tc.
 * The spread between the outer quantiles is reported as is: with few qualified fits it is wide and
 * the median is not a forecast. The windows use the indicator's lighter local stage (with warm starts
 * from the next-longer window). Complexity: one `fitWindows` family.
 */
import { quantile7 } from "../../core/quantile.ts";
import { FIT_DEFAULTS, type FitOptions, fitWindows, validateFitOptions } from "./fitWindows.ts";
import { INDICATOR_DEFAULTS } from "./indicator.ts";
import type { LpplsFit } from "./result.ts";
import { validateSeries, validateWindow } from "./validate.ts";

/** Options of {@link crashTimeDistribution}. */
export interface CrashTimeOptions extends FitOptions {
  /** Longest window (all rows). */
  readonly windowSize?: number;
  /** Shortest window (max(20, ⌈windowSize/4⌉)). */
  readonly smallestWindowSize?: number;
  /** Step between window lengths (⌈(windowSize − smallest)/30⌉, i.e. about 30 windows). */
  readonly step?: number;
  /** Quantile levels (0.05, 0.25, 0.5, 0.75, 0.95). */
  readonly probs?: readonly number[];
}

/**
 * Defaults of {@link crashTimeDistribution}.
 *
 * @example
 * CRASH_TIME_DEFAULTS.probs; // [0.05, 0.25, 0.5, 0.75, 0.95]
 */
export const CRASH_TIME_DEFAULTS = Object.freeze({ probs: Object.freeze([0.05, 0.25, 0.5, 0.75, 0.95]) });

/** Result of {@link crashTimeDistribution}. */
export interface CrashTimeDistribution {
  readonly t2: number;
  readonly nFits: number;
  readonly nQualified: number;
  /** Quantiles of qualified tc (units of t); NaN when no fit qualified. */
  readonly quantiles: readonly { readonly p: number; readonly tc: number }[];
  /** Outer quantile range (last − first), in units of t. */
  readonly width: number;
  readonly fits: readonly LpplsFit[];
}

/**
 * tc distribution over nested windows ending at the last row.
 *
 * @example
 * const d = crashTimeDistribution(t, logPrice, { windowSize: 504, smallestWindowSize: 120 });
 * d.quantiles.find((q) => q.p === 0.5)?.tc;
 */
export function crashTimeDistribution(
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  options: CrashTimeOptions = {},
): CrashTimeDistribution {
  validateSeries(t, y);
  validateFitOptions(options);
  const n = t.length;
  const ws = options.windowSize ?? n;
  validateWindow(ws, "windowSize");
  if (ws > n) throw new RangeError(`windowSize ${ws} is longer than the series (${n} observations)`);
  const sws = options.smallestWindowSize ?? Math.min(ws, Math.max(20, Math.ceil(ws / 4)));
  validateWindow(sws, "smallestWindowSize");
  if (sws > ws) throw new RangeError(`smallestWindowSize ${sws} exceeds windowSize ${ws}`);
  const step = options.step ?? Math.max(1, Math.ceil((ws - sws) / 30));
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`step must be a positive integer, got ${step}`);
  const probs = options.probs ?? CRASH_TIME_DEFAULTS.probs;
  const lengths: number[] = [];
  for (let L = ws; L >= sws; L -= step) lengths.push(L);
  const fits = fitWindows(t, y, n - 1, lengths, {
    seed: FIT_DEFAULTS.seed,
    localStarts: INDICATOR_DEFAULTS.localStarts,
    screenIter: INDICATOR_DEFAULTS.screenIter,
    finalStarts: INDICATOR_DEFAULTS.finalStarts,
    tcScan: INDICATOR_DEFAULTS.tcScan,
    ...options,
  });
  const tcs = fits.filter((f) => f.qualification.qualified).map((f) => f.tc);
  const q = tcs.length > 0 ? quantile7(tcs, probs) : probs.map(() => Number.NaN);
  return {
    t2: t[n - 1],
    nFits: fits.length,
    nQualified: tcs.length,
    quantiles: probs.map((p, i) => ({ p, tc: q[i] })),
    width: q[q.length - 1] - q[0],
    fits,
  };
}
