/**
 * Qualification of one LPPLS fit against filter conditions (lppls `compute_indicators`; Sornette et al.
 * 2015; Demirer et al. 2017), each condition reported separately, and the bubble sign: B < 0 is a
 * positive (super-exponentially rising) bubble, B > 0 a negative one (accelerating fall), B = 0 (a failed
 * fit) neither. As in lppls, O counts as +∞ when B or C is 0. Complexity O(1).
 */
import { lpplsAmplitude, lpplsDamping, lpplsOscillations } from "./metrics.ts";
import { type FilterConditions, tcRange } from "./presets.ts";

/** Per-condition outcome. */
export interface Qualification {
  readonly tcInRange: boolean;
  readonly mInRange: boolean;
  readonly omegaInRange: boolean;
  readonly oscillationsOk: boolean;
  readonly dampingOk: boolean;
  /** All five hold. */
  readonly qualified: boolean;
}

export type BubbleSign = "positive" | "negative" | "none";

/** What qualification needs from a fit. */
export interface QualifyInput {
  readonly tc: number;
  readonly m: number;
  readonly omega: number;
  readonly B: number;
  readonly C1: number;
  readonly C2: number;
  /** First and last time of the fitted window. */
  readonly t1: number;
  readonly t2: number;
}

/**
 * Checks the five filter conditions.
 *
 * @example
 * qualifyFit({ tc: 105, m: 0.5, omega: 9, B: -1, C1: 0.05, C2: 0.05, t1: 0, t2: 100 }, FILTER_PRESETS.lppls).qualified; // true
 */
export function qualifyFit(fit: QualifyInput, f: FilterConditions): Qualification {
  const { tc, m, omega, B, t1, t2 } = fit;
  const C = lpplsAmplitude(fit.C1, fit.C2);
  const O = B === 0 || C === 0 ? Number.POSITIVE_INFINITY : lpplsOscillations(omega, tc, t1, t2);
  const D = lpplsDamping(m, omega, B, C);
  const [lo, hi] = tcRange(f, t1, t2);
  const inside = f.strict
    ? (x: number, a: number, b: number) => a < x && x < b
    : (x: number, a: number, b: number) => a <= x && x <= b;
  const above = f.strict ? (x: number, a: number) => x > a : (x: number, a: number) => x >= a;
  const tcInRange = inside(tc, lo, hi);
  const mInRange = inside(m, f.mMin, f.mMax);
  const omegaInRange = inside(omega, f.omegaMin, f.omegaMax);
  const oscillationsOk = above(O, f.oMin);
  const dampingOk = above(D, f.dMin);
  return {
    tcInRange,
    mInRange,
    omegaInRange,
    oscillationsOk,
    dampingOk,
    qualified: tcInRange && mInRange && omegaInRange && oscillationsOk && dampingOk,
  };
}

/**
 * Bubble sign from B.
 *
 * @example
 * bubbleSign(-0.3); // "positive"
 */
export function bubbleSign(B: number): BubbleSign {
  return B < 0 ? "positive" : B > 0 ? "negative" : "none";
}
