/**
 * One LPPLS fit on a whole series (Filimonov & Sornette 2013 profile formulation): the best fit inside
 * the preset's (or the given) search box by the grid + quasi-Newton multistart of `fitWindows.ts`, or
 * lppls's first-success Nelder–Mead with `fitter: "lppls"` (`fitCompat.ts`). Validates its inputs once.
 * Complexity: see `fitWindows.ts` (single window: O(G·n + starts·E·n)).
 */
import { type CompatOptions, fitWindowCompat } from "./fitCompat.ts";
import { FIT_DEFAULTS, type FitOptions, fitWindows, validateFitOptions } from "./fitWindows.ts";
import { FILTER_PRESETS } from "./presets.ts";
import type { LpplsFit } from "./result.ts";
import { validateSeries, validateWindow } from "./validate.ts";

/** Options of {@link fitLppls}. */
export interface FitLpplsOptions extends FitOptions {
  /** "fast" (default: best in box) or "lppls" (first acceptable unbounded Nelder–Mead). */
  readonly fitter?: "fast" | "lppls";
  /** lppls fitter: retry budget (25). */
  readonly maxSearches?: number;
  /** lppls fitter: injected uniform source. */
  readonly uniform?: CompatOptions["uniform"];
}

/**
 * Fits the LPPLS model to (t, y) — y is usually the log price, t the day ordinal.
 *
 * @example
 * const fit = fitLppls(t, logPrice, { preset: "dgs2017", seed: 1 });
 * fit.tc - fit.t2; // days from the last observation to the critical time
 * fit.qualification.qualified;
 */
export function fitLppls(t: ArrayLike<number>, y: ArrayLike<number>, options: FitLpplsOptions = {}): LpplsFit {
  validateSeries(t, y);
  validateWindow(t.length, "window");
  validateFitOptions(options);
  const n = t.length;
  if (options.fitter === "lppls") {
    const filter = options.filter ?? FILTER_PRESETS[options.preset ?? FIT_DEFAULTS.preset];
    return fitWindowCompat(t, y, n - 1, n, filter, {
      maxSearches: options.maxSearches,
      seed: options.seed,
      uniform: options.uniform,
    });
  }
  return fitWindows(t, y, n - 1, [n], options)[0];
}
