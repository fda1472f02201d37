/**
 * Diagnostics of an LPPLS fit (Sornette et al. 2015, "Real-time prediction and post-mortem analysis of
 * the Shanghai 2015 stock market bubble and crash", filter conditions; Demirer, Demos, Gupta & Sornette
 * 2017, "On the predictability of stock market bubbles: evidence from LPPLS confidence multi-scale
 * indicators", Table 1):
 *
 * - amplitude C = sign(C1)·√(C1² + C2²) (lppls's `get_c`: 0 when C1 or C2 is exactly 0);
 * - oscillations O = (ω / 2π)·ln((tc − t1) / (tc − t2)) — the number of log-periodic cycles between t1 and
 *   t2. It uses only the differences tc − t1 and tc − t2, so it is invariant to the time origin (unlike
 *   the ln|tc / (tc − t2)| variant in lppls's unused `_is_O_in_range`). NaN when tc lies in [t1, t2];
 * - damping D = m·|B| / (ω·|C|).
 *
 * Complexity O(1).
 */

/**
 * lppls's signed amplitude.
 *
 * @example
 * lpplsAmplitude(-3, 4); // -5
 */
export function lpplsAmplitude(C1: number, C2: number): number {
  if (C1 === 0 || C2 === 0) return 0;
  return C1 / Math.cos(Math.atan(C2 / C1));
}

/**
 * Number of log-periodic oscillations between t1 and t2 (origin-invariant).
 *
 * @example
 * lpplsOscillations(2 * Math.PI, 110, 0, 100); // ln(110/10) ≈ 2.398
 */
export function lpplsOscillations(omega: number, tc: number, t1: number, t2: number): number {
  const ratio = (tc - t1) / (tc - t2);
  if (!(ratio > 0) || !Number.isFinite(ratio)) return Number.NaN;
  return (omega / (2 * Math.PI)) * Math.log(ratio);
}

/**
 * Damping ratio m·|B| / (ω·|C|) (∞ when C = 0).
 *
 * @example
 * lpplsDamping(0.5, 8, -1, 0.1); // 0.625
 */
export function lpplsDamping(m: number, omega: number, B: number, C: number): number {
  return (m * Math.abs(B)) / (omega * Math.abs(C));
}
