/**
 * The result record of one LPPLS fit and its assembly from (tc, m, ω) and the linear solution:
 * amplitude, oscillations, damping, RMSE, per-condition qualification and bubble sign
 * (see `metrics.ts`, `qualify.ts`). Complexity O(1).
 */
import type { LinearSolution } from "./linear.ts";
import { lpplsAmplitude, lpplsDamping, lpplsOscillations } from "./metrics.ts";
import type { FilterConditions } from "./presets.ts";
import { type BubbleSign, bubbleSign, type Qualification, qualifyFit } from "./qualify.ts";

/** One fitted LPPLS window (plain JSON-serialisable data; times in units of t). */
export interface LpplsFit {
  readonly tc: number;
  readonly m: number;
  readonly omega: number;
  readonly A: number;
  readonly B: number;
  readonly C1: number;
  readonly C2: number;
  /** Signed amplitude sign(C1)·√(C1² + C2²) (lppls `get_c`). */
  readonly C: number;
  readonly sse: number;
  readonly rmse: number;
  /** Oscillations (ω/2π)·ln((tc − t1)/(tc − t2)); NaN for tc inside the window. */
  readonly O: number;
  /** Damping m|B|/(ω|C|). */
  readonly D: number;
  /** First and last time of the window, and its length. */
  readonly t1: number;
  readonly t2: number;
  readonly n: number;
  readonly qualification: Qualification;
  readonly sign: BubbleSign;
  /** Objective evaluations spent (all stages). */
  readonly nfev: number;
  /** lppls-compatible fitter only: every search failed and lppls's all-zero result was returned. */
  readonly failed: boolean;
}

/**
 * Assembles an {@link LpplsFit}.
 *
 * @example
 * makeFit(tc, m, omega, profile.solve(tc, m, omega), t1, t2, n, FILTER_PRESETS.lppls, 0).qualification.qualified;
 */
export function makeFit(
  tc: number,
  m: number,
  omega: number,
  lin: LinearSolution,
  t1: number,
  t2: number,
  n: number,
  filter: FilterConditions,
  nfev: number,
): LpplsFit {
  const C = lpplsAmplitude(lin.C1, lin.C2);
  return {
    tc,
    m,
    omega,
    A: lin.A,
    B: lin.B,
    C1: lin.C1,
    C2: lin.C2,
    C,
    sse: lin.sse,
    rmse: Math.sqrt(lin.sse / n),
    O: lpplsOscillations(omega, tc, t1, t2),
    D: lpplsDamping(m, omega, lin.B, C),
    t1,
    t2,
    n,
    qualification: qualifyFit({ tc, m, omega, B: lin.B, C1: lin.C1, C2: lin.C2, t1, t2 }, filter),
    sign: bubbleSign(lin.B),
    nfev,
    failed: false,
  };
}

/**
 * lppls's result for a fit whose every search failed: all parameters 0 (B = 0 counts in neither sign).
 *
 * @example
 * failedFit(t1, t2, 80, FILTER_PRESETS.lppls, 0).B; // 0
 */
export function failedFit(t1: number, t2: number, n: number, filter: FilterConditions, nfev: number): LpplsFit {
  const z = { A: 0, B: 0, C1: 0, C2: 0, sse: Number.NaN, rank: 0 };
  return { ...makeFit(0, 0, 0, z, t1, t2, n, filter, nfev), O: 0, D: 0, failed: true };
}
