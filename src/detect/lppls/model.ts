/**
 * The LPPLS curve (Johansen, Ledoit & Sornette 2000; Filimonov & Sornette 2013, eq. 2 with the
 * linearised cosine): ŷ(t) = A + Δ^m·(B + C1·cos(ω ln Δ) + C2·sin(ω ln Δ)), Δ = |tc − t| (mirrored for
 * t > tc, as in lppls). `deltaShift` adds lppls's 1e-8 to Δ. Complexity O(n).
 */

/** The seven LPPLS parameters. */
export interface LpplsParams {
  readonly tc: number;
  readonly m: number;
  readonly omega: number;
  readonly A: number;
  readonly B: number;
  readonly C1: number;
  readonly C2: number;
}

/**
 * Evaluates the LPPLS curve at the times `t`.
 *
 * @example
 * lpplsModel([0, 5], { tc: 10, m: 0.5, omega: 8, A: 2, B: -0.5, C1: 0, C2: 0 }); // [2 - 0.5·√10, 2 - 0.5·√5]
 */
export function lpplsModel(t: ArrayLike<number>, p: LpplsParams, deltaShift = 0): Float64Array {
  const out = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const d = Math.abs(p.tc - t[i]) + deltaShift;
    if (d === 0) {
      out[i] = p.A;
      continue;
    }
    const ld = Math.log(d);
    out[i] = p.A + Math.exp(p.m * ld) * (p.B + p.C1 * Math.cos(p.omega * ld) + p.C2 * Math.sin(p.omega * ld));
  }
  return out;
}
