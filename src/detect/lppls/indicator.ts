/**
 * Multi-window LPPLS confidence indicator (Sornette et al. 2015; Demirer et al. 2017) with lppls's
 * nested-window scheme (spec §7–8): window ends every `outerIncrement` rows; at each end, windows of
 * length windowSize, windowSize − innerIncrement, … (> smallestWindowSize) that all end at t2 (shrinking
 * from the left); each is fitted, qualified, and the share of qualified fits per bubble sign is reported.
 *
 * Default fitter "fast": all nested windows of one end share one global grid stage (shared power/trig
 * terms, O(1) normal equations per extra window via suffix sums, `gridProfile.ts`), then a bounded
 * variable-projection quasi-Newton polish per window, a cusp check and pooling across neighbouring windows
 * (`fitWindows.ts`): the best fit inside the preset's search box.
 * Fitter "lppls": lppls's first-success unbounded Nelder–Mead per window (`fitCompat.ts`).
 *
 * Seeded and reproducible: each window's random stream is RandomStream(seed, endRow·2²⁰ + length), so the
 * result does not depend on which ends are computed, in which order or by which worker.
 * Complexity: P·(grid + K·local) with P window ends and K windows per end (see `fitWindows.ts`).
 */

import { type Confidence, type Denominator, lpplsConfidence } from "./confidence.ts";
import { type CompatOptions, fitWindowCompat } from "./fitCompat.ts";
import { FIT_DEFAULTS, type FitOptions, fitWindows, validateFitOptions } from "./fitWindows.ts";
import { FILTER_PRESETS } from "./presets.ts";
import type { LpplsFit } from "./result.ts";
import { validateSeries, validateWindow } from "./validate.ts";

/** Options of {@link lpplsIndicator} (defaults: {@link INDICATOR_DEFAULTS} and {@link FIT_DEFAULTS}). */
export interface IndicatorOptions extends FitOptions {
  /** Longest window (80). */
  readonly windowSize?: number;
  /** Windows shorter than or equal to this are not fitted (20). */
  readonly smallestWindowSize?: number;
  /** Rows between window ends (5). */
  readonly outerIncrement?: number;
  /** Rows between nested window starts (2). */
  readonly innerIncrement?: number;
  /** First / last window-end row (inclusive); default the first possible / the last row. */
  readonly fromRow?: number;
  readonly toRow?: number;
  /** Explicit window-end rows (overrides fromRow/toRow/outerIncrement). */
  readonly endRows?: readonly number[];
  /** "fast" (default) or "lppls" (first-success Nelder–Mead, for parity). */
  readonly fitter?: "fast" | "lppls";
  /** lppls fitter: retry budget (25). */
  readonly maxSearches?: number;
  /** Confidence denominator (lppls's "same-sign"). */
  readonly denominator?: Denominator;
  /** Keep every fit in the result (false). */
  readonly keepFits?: boolean;
  /** Called after each window end with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** lppls fitter: injected uniform source (for replaying lppls's MT19937 draws). */
  readonly uniform?: CompatOptions["uniform"];
}

/**
 * Defaults of {@link lpplsIndicator}: lppls's nested-window settings and a lighter local stage.
 *
 * @example
 * INDICATOR_DEFAULTS.windowSize; // 80
 */
export const INDICATOR_DEFAULTS = Object.freeze({
  /**
   * Local stage of the nested fits: the 5 best grid local minima plus the warm start from the next-longer
   * window, 3 screening iterations each, the best 4 polished to convergence, no tc scan; then the pooling
   * sweeps over neighbouring windows and the cusp check (`fitWindows.ts`). The grid trades m points for ω
   * points against a single fit's (16 × 6 × 16, same size): the basins the old 16 × 8 × 12 grid missed were
   * narrow in ω. On the dot-com reference stretch (lppls seeds 0–2) no fit ends worse than lppls's where
   * lppls's optimum lies inside our box (test/conformance/lppls.test.ts) — empirical, not a guarantee.
   */
  grid: Object.freeze({ tc: 16, m: 6, omega: 16 }),
  localStarts: 5,
  screenIter: 3,
  finalStarts: 4,
  tcScan: 0,
  windowSize: 80,
  smallestWindowSize: 20,
  outerIncrement: 5,
  innerIncrement: 2,
  fitter: "fast" as "fast" | "lppls",
  maxSearches: 25,
  denominator: "same-sign" as Denominator,
});

/** One window end of the indicator. */
export interface IndicatorPoint extends Confidence {
  /** Row and time of the window end, and y there. */
  readonly row: number;
  readonly t2: number;
  readonly y: number;
  readonly nFailed: number;
  readonly fits?: readonly LpplsFit[];
}

/**
 * Nested window lengths of lppls: windowSize, windowSize − inner, … while > smallestWindowSize.
 *
 * @example
 * nestedLengths(80, 20, 2).length; // 30 (80, 78, …, 22)
 */
export function nestedLengths(windowSize: number, smallest: number, inner: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < windowSize - smallest; j += inner) out.push(windowSize - j);
  return out;
}

/**
 * Computes the confidence indicator.
 *
 * @example
 * const { points } = lpplsIndicator(t, logPrice, { seed: 1 });
 * points.map((p) => p.posConf);
 */
export function lpplsIndicator(
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  options: IndicatorOptions = {},
): { points: IndicatorPoint[] } {
  validateSeries(t, y);
  validateFitOptions(options);
  const ws = options.windowSize ?? INDICATOR_DEFAULTS.windowSize;
  const sws = options.smallestWindowSize ?? INDICATOR_DEFAULTS.smallestWindowSize;
  const outer = options.outerIncrement ?? INDICATOR_DEFAULTS.outerIncrement;
  const inner = options.innerIncrement ?? INDICATOR_DEFAULTS.innerIncrement;
  validateWindow(ws, "windowSize");
  if (!Number.isInteger(sws) || sws < 9 || sws >= ws) {
    throw new RangeError(`smallestWindowSize must be an integer in [9, windowSize), got ${sws}`);
  }
  for (const [name, v] of [
    ["outerIncrement", outer],
    ["innerIncrement", inner],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  }
  const N = t.length;
  if (N < ws) throw new RangeError(`windowSize ${ws} is longer than the series (${N} observations)`);
  let ends: number[];
  if (options.endRows) {
    ends = [...options.endRows];
    for (const e of ends) {
      if (!Number.isInteger(e) || e < ws - 1 || e >= N) {
        throw new RangeError(`endRows must be integers in [${ws - 1}, ${N - 1}], got ${e}`);
      }
    }
  } else {
    const from = options.fromRow ?? ws - 1;
    const to = options.toRow ?? N - 1;
    if (!Number.isInteger(from) || from < ws - 1 || from >= N) {
      throw new RangeError(
        `fromRow must be an integer in [${ws - 1}, ${N - 1}] (the first window needs ${ws} rows), got ${from}`,
      );
    }
    if (!Number.isInteger(to) || to < from || to >= N)
      throw new RangeError(`toRow must be in [${from}, ${N - 1}], got ${to}`);
    ends = [];
    for (let e = from; e <= to; e += outer) ends.push(e);
  }
  const lengths = nestedLengths(ws, sws, inner);
  const fitter = options.fitter ?? INDICATOR_DEFAULTS.fitter;
  const denominator = options.denominator ?? INDICATOR_DEFAULTS.denominator;
  const preset = options.preset ?? FIT_DEFAULTS.preset;
  const filter = options.filter ?? FILTER_PRESETS[preset];
  const points: IndicatorPoint[] = [];
  for (let p = 0; p < ends.length; p++) {
    const e = ends[p];
    const fits =
      fitter === "lppls"
        ? lengths.map((L) =>
            fitWindowCompat(t, y, e, L, filter, {
              maxSearches: options.maxSearches ?? INDICATOR_DEFAULTS.maxSearches,
              seed: options.seed ?? FIT_DEFAULTS.seed,
              uniform: options.uniform,
            }),
          )
        : fitWindows(t, y, e, lengths, {
            grid: INDICATOR_DEFAULTS.grid,
            localStarts: INDICATOR_DEFAULTS.localStarts,
            screenIter: INDICATOR_DEFAULTS.screenIter,
            finalStarts: INDICATOR_DEFAULTS.finalStarts,
            tcScan: INDICATOR_DEFAULTS.tcScan,
            ...options,
          });
    const conf = lpplsConfidence(
      fits.map((f) => ({ B: f.B, qualified: f.qualification.qualified })),
      denominator,
    );
    points.push({
      row: e,
      t2: t[e],
      y: y[e],
      ...conf,
      nFailed: fits.filter((f) => f.failed).length,
      ...(options.keepFits ? { fits } : {}),
    });
    options.onProgress?.(p + 1, ends.length);
  }
  return { points };
}
