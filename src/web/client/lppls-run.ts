/**
 * The dashboard's LPPLS analysis of one series, run in the analysis Web Worker: the library's `analyseLppls`
 * (src/analysis/lppls.ts) — the same code and settings as the report's LPPLS section — on the last `window`
 * observations. A failed fit arrives as `fit.ok === false` with its reason. Browser-safe; seeded.
 * Complexity: about 30 window fits (the distribution) plus one.
 */
import { analyseLppls, type LpplsAnalysis } from "../../analysis/lppls.ts";
import { ANALYSIS_DEFAULTS } from "../../analysis/series.ts";

export interface LpplsRunOptions {
  /** Observations in the fit window (default: the last 504, or all when fewer). */
  readonly window?: number;
  readonly seed?: number;
}

export const LPPLS_RUN_DEFAULTS = Object.freeze({
  window: ANALYSIS_DEFAULTS.lpplsWindow,
  seed: ANALYSIS_DEFAULTS.seed,
});

export type LpplsRunResult = LpplsAnalysis;

/**
 * Fits LPPLS to the end of a series.
 *
 * @example
 * runLppls("NVDA", closes, dates, { window: 504 }).fit.ok;
 */
export function runLppls(
  name: string,
  values: ArrayLike<number>,
  dates: readonly string[] | null,
  options: LpplsRunOptions = {},
): LpplsRunResult {
  return analyseLppls(name, values, dates, { ...LPPLS_RUN_DEFAULTS, ...options });
}
