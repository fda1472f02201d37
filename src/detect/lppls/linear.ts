/**
 * Linear sub-problem of the LPPLS model with the nonlinear parameters (tc, m, ω) fixed — the
 * Filimonov & Sornette (2013, Physica A 392, eq. 9–11) "slaving" of A, B, C1, C2:
 *
 *     y(t) ≈ A + B·f(t) + C1·g(t) + C2·h(t),   f = Δ^m, g = f·cos(ω ln Δ), h = f·sin(ω ln Δ),  Δ = |tc − t|
 *
 * and the profile cost SSE(tc, m, ω) = min over (A, B, C1, C2) of Σ (y − ŷ)².
 *
 * Two numerical modes:
 *
 * - `"default"` (ours): Δ = |tc − t| exactly (a point with t = tc gets f = g = h = 0, the m > 0 limit);
 *   the columns f, g, h and y are centred (which eliminates A), then a Householder QR of the n×3 centred
 *   design is applied to the centred y. The residual sum of squares is the squared norm of the last
 *   n − rank entries of Qᵀy, so it never suffers from the cancellation of `Σy² − βᵀXᵀy`. Rank check: a
 *   column whose component orthogonal to the previous ones is ≤ 1e-10 of its own norm (relative
 *   conditioning worse than 1e10, e.g. m → 0 where f is constant) is dropped and its coefficient set
 *   to 0. Everything depends on t only through tc − t, so the result is invariant to the time origin
 *   and (A aside) to a shift of y.
 *   Optimisers call `sse`/`gauss`, which compute the same cost from centred moments and a 3×3 Cholesky
 *   factorisation with the same rank check (2–3 passes instead of ~15); `solve` always uses the QR.
 * - `"lppls"`: the recipe of the Python lppls 0.6.24 package (`matrix_equation` / `func_restricted`),
 *   operation for operation: Δ = |tc − t| + 1e-8, sequential left-to-right sums, the 4×4 normal
 *   equations with 1e-8 added to every diagonal entry (including N), LU with partial pivoting, SSE as
 *   the sum of squared model residuals — except f = exp(m·ln Δ) instead of pow (reuses the log; ~1e-15
 *   relative). Not origin-invariant in y (the ridge touches A). Used for conformance and parity.
 *
 * Complexity: O(n) per evaluation with four transcendental calls per point (log, exp/pow, cos, sin);
 * no allocation after the workspace is created.
 */

/*
 * cos and sin of one angle by a single range reduction (the optimiser paths `sse`/`gauss` need both at every
 * point; Math.cos + Math.sin reduce twice and cost ~2.5× more): x = k·π/2 + r with π/2 split Cody–Waite style
 * into a 33-bit head (k·PIO2_HI exact for |k| < 2²⁰) and its tail, then fdlibm's __kernel_sin/__kernel_cos
 * minimax polynomials on |r| ≤ π/4. Absolute error ≤ 1.2e-16 against Math.cos/sin (checked on 2e6 random
 * angles in ±350); angles beyond SINCOS_MAX fall back to Math.cos/sin. The reported values (`solve`, QR
 * path) and lppls mode keep Math.cos/sin.
 */
const INV_PIO2 = 0.6366197723675814;
const PIO2_HI = 1.5707963267341256;
const PIO2_LO = 6.077100506506192e-11;
const SINCOS_MAX = 1e5;

function sinKernel(r: number, z: number): number {
  return (
    r +
    r *
      z *
      (-0.16666666666666632 +
        z *
          (0.00833333333332249 +
            z *
              (-0.0001984126982985795 +
                z * (0.0000027557313707070068 + z * (-2.5050760253406863e-8 + z * 1.58969099521155e-10)))))
  );
}

function cosKernel(z: number): number {
  return (
    1 -
    0.5 * z +
    z *
      z *
      (0.0416666666666666 +
        z *
          (-0.001388888888887411 +
            z *
              (0.00002480158728947673 +
                z * (-2.7557314351390663e-7 + z * (2.087572321298175e-9 + z * -1.1359647557788195e-11)))))
  );
}

/** Numerical recipe for the linear sub-problem (see the file header). */
export type LinearMode = "default" | "lppls";

/** Solution of the linear sub-problem at fixed (tc, m, ω). */
export interface LinearSolution {
  readonly A: number;
  readonly B: number;
  readonly C1: number;
  readonly C2: number;
  /** Sum of squared residuals Σ (y − ŷ)². NaN when the problem could not be solved. */
  readonly sse: number;
  /** Number of (f, g, h) columns kept by the rank check (3 normally; lppls mode always reports 3). */
  readonly rank: number;
}

/**
 * Relative threshold of the rank check (see the file header).
 *
 * @example
 * RANK_TOL; // 1e-10
 */
export const RANK_TOL = 1e-10;

/**
 * Reusable evaluator of the profile cost on rows [from, to) of (t, y). Holds its scratch arrays, so
 * optimisers can call {@link LpplsProfile.sse} millions of times without allocating.
 *
 * @example
 * const p = new LpplsProfile([0, 1, 2, 3, 4, 5], [1, 1.1, 1.3, 1.2, 1.5, 1.7]);
 * p.sse(8, 0.5, 7); // profile SSE at tc = 8, m = 0.5, ω = 7
 */
export class LpplsProfile {
  readonly n: number;
  /** Set by the last call in lppls mode when the system was non-finite or singular (lppls raises). */
  failed = false;
  private readonly t: ArrayLike<number>;
  private readonly y: ArrayLike<number>;
  private readonly from: number;
  private readonly deltaShift: number;
  private readonly mode: LinearMode;
  private readonly x0: Float64Array;
  private readonly x1: Float64Array;
  private readonly x2: Float64Array;
  private readonly r: Float64Array;
  private readonly out = new Float64Array(5);
  private readonly cols: Float64Array[];
  private readonly pivotRow = [-1, -1, -1];
  private readonly rr = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  private readonly norms0 = [0, 0, 0];
  private readonly qty = [0, 0, 0];
  private readonly beta = [0, 0, 0];
  private kL = new Float64Array(0);
  private kC = new Float64Array(0);
  private kS = new Float64Array(0);
  private kF = new Float64Array(0);
  private kSign = new Float64Array(0);
  private readonly chol = new Float64Array(9);
  private readonly keep = [true, true, true];
  private readonly z = new Float64Array(3);
  private readonly mvx = new Float64Array(9);
  private readonly mvy = new Float64Array(3);
  private readonly mvv = new Float64Array(9);
  private readonly w = new Float64Array(9);
  private readonly tmp3 = new Float64Array(3);

  constructor(
    t: ArrayLike<number>,
    y: ArrayLike<number>,
    from = 0,
    to: number = t.length,
    mode: LinearMode = "default",
    deltaShift = 0,
  ) {
    this.deltaShift = deltaShift;
    this.t = t;
    this.y = y;
    this.from = from;
    this.n = to - from;
    this.mode = mode;
    this.x0 = new Float64Array(this.n);
    this.x1 = new Float64Array(this.n);
    this.x2 = new Float64Array(this.n);
    this.r = new Float64Array(this.n);
    this.cols = [this.x0, this.x1, this.x2];
  }

  /** Profile SSE at (tc, m, ω); NaN when not computable. */
  sse(tc: number, m: number, omega: number): number {
    return this.mode === "lppls" ? this.runLppls(tc, m, omega, false) : this.runSse(tc, m, omega);
  }

  /** Profile SSE by the QR path (what {@link LpplsProfile.solve} reports). */
  sseQr(tc: number, m: number, omega: number): number {
    return this.mode === "lppls" ? this.runLppls(tc, m, omega, false) : this.runQr(tc, m, omega);
  }

  /** Full linear solution at (tc, m, ω). */
  solve(tc: number, m: number, omega: number): LinearSolution {
    const sse = this.mode === "lppls" ? this.runLppls(tc, m, omega, true) : this.runQr(tc, m, omega);
    const o = this.out;
    return { A: o[0], B: o[1], C1: o[2], C2: o[3], sse, rank: o[4] };
  }

  private runQr(tc: number, m: number, omega: number): number {
    const { t, y, from, n, x0, x1, x2, r, out } = this;
    this.failed = false;
    const shift = this.deltaShift;
    let sf = 0;
    let sg = 0;
    let sh = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.abs(tc - t[from + i]) + shift;
      let f = 0;
      let g = 0;
      let h = 0;
      let ld = 0;
      let c = 0;
      let sn = 0;
      if (d > 0) {
        ld = Math.log(d);
        f = Math.exp(m * ld);
        const ph = omega * ld;
        c = Math.cos(ph);
        sn = Math.sin(ph);
        g = f * c;
        h = f * sn;
      }
      const yi = y[from + i];
      x0[i] = f;
      x1[i] = g;
      x2[i] = h;
      r[i] = yi;
      sf += f;
      sg += g;
      sh += h;
      sy += yi;
    }
    const mf = sf / n;
    const mg = sg / n;
    const mh = sh / n;
    const my = sy / n;
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    for (let i = 0; i < n; i++) {
      const a = x0[i] - mf;
      const b = x1[i] - mg;
      const c = x2[i] - mh;
      x0[i] = a;
      x1[i] = b;
      x2[i] = c;
      r[i] -= my;
      n0 += a * a;
      n1 += b * b;
      n2 += c * c;
    }
    if (!(Number.isFinite(n0) && Number.isFinite(n1) && Number.isFinite(n2))) {
      out.fill(Number.NaN);
      return Number.NaN;
    }
    // Householder QR, column by column, with the rank check; R stored in rr (upper triangle by pivot row).
    const cols = this.cols;
    const norms0 = this.norms0;
    norms0[0] = Math.sqrt(n0);
    norms0[1] = Math.sqrt(n1);
    norms0[2] = Math.sqrt(n2);
    const pivotRow = this.pivotRow;
    pivotRow.fill(-1);
    const rr = this.rr;
    const qty = this.qty;
    let p = 0;
    for (let k = 0; k < 3; k++) {
      const col = cols[k];
      let s = 0;
      for (let i = p; i < n; i++) s += col[i] * col[i];
      const norm = Math.sqrt(s);
      if (!(norm > RANK_TOL * norms0[k]) || norms0[k] === 0 || p >= n) continue;
      const xp = col[p];
      const alpha = xp >= 0 ? -norm : norm;
      const v0 = xp - alpha;
      const vnorm2 = s - xp * xp + v0 * v0;
      col[p] = v0; // col now holds the Householder vector v (rows p..n-1)
      const tau = 2 / vnorm2;
      for (let j = k + 1; j <= 3; j++) {
        const cj = j < 3 ? cols[j] : r;
        let dot = 0;
        for (let i = p; i < n; i++) dot += col[i] * cj[i];
        const sc = tau * dot;
        for (let i = p; i < n; i++) cj[i] -= sc * col[i];
      }
      rr[p * 3 + k] = alpha;
      for (let j = k + 1; j < 3; j++) rr[p * 3 + j] = cols[j][p];
      qty[p] = r[p];
      pivotRow[k] = p;
      p++;
    }
    let sse = 0;
    for (let i = p; i < n; i++) sse += r[i] * r[i];
    const beta = this.beta;
    beta.fill(0);
    for (let k = 2; k >= 0; k--) {
      const pr = pivotRow[k];
      if (pr < 0) continue;
      let s = qty[pr];
      for (let j = k + 1; j < 3; j++) if (pivotRow[j] >= 0) s -= rr[pr * 3 + j] * beta[j];
      beta[k] = s / rr[pr * 3 + k];
    }
    out[0] = my - beta[0] * mf - beta[1] * mg - beta[2] * mh;
    out[1] = beta[0];
    out[2] = beta[1];
    out[3] = beta[2];
    out[4] = p;
    return sse;
  }

  /**
   * Profile SSE plus the Gauss–Newton system of the variable-projection problem (Golub & Pereyra 1973,
   * with Kaufman's 1975 Jacobian J_j ≈ −P⊥·∂(Xβ)/∂θ_j): fills `jtj` (3×3 row-major, JᵀJ) and `jtr`
   * (3, −Jᵀr = VᵀP⊥y) for θ = (tc, m, ω), so a Gauss–Newton step is δ = (JᵀJ)⁻¹·jtr. Default mode only.
   * No extra transcendental calls: one more pass over the stored features.
   */
  gauss(tc: number, m: number, omega: number, jtj: Float64Array, jtr: Float64Array): number {
    return this.runMoments(tc, m, omega, jtj, jtr);
  }

  /**
   * Optimiser path of the default mode: centred moments and a 3×3 Cholesky factorisation with the same
   * relative rank check as the QR path (cheaper: 2–3 passes instead of ~15; the SSE agrees with the QR
   * value to ~1e-12 relative on well-conditioned problems, and every reported value comes from `solve`).
   * Pass 1 stores ln Δ, f, cos, sin; pass 2 forms the centred moments of (f, g, h, y); with `jtj` a third
   * pass forms the moments of the Kaufman directions V = ∂(Xβ)/∂θ.
   */
  private runMoments(tc: number, m: number, omega: number, jtj: Float64Array | null, jtr: Float64Array | null): number {
    const { t, y, from, n, out } = this;
    if (this.kL.length !== n) this.allocKeep();
    const { kL, kC, kS, kF, kSign } = this;
    this.failed = false;
    const shift = this.deltaShift;
    let sf = 0;
    let sg = 0;
    let sh = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const tt = t[from + i];
      const d = Math.abs(tc - tt) + shift;
      let f = 0;
      let c = 0;
      let sn = 0;
      let ld = 0;
      if (d > 0) {
        ld = Math.log(d);
        f = Math.exp(m * ld);
        const ph = omega * ld;
        if (Math.abs(ph) < SINCOS_MAX) {
          const k = Math.round(ph * INV_PIO2);
          const r = ph - k * PIO2_HI - k * PIO2_LO;
          const z = r * r;
          const sr = sinKernel(r, z);
          const cr = cosKernel(z);
          const q = k & 3;
          const cq = q & 1 ? sr : cr;
          const sq = q & 1 ? cr : sr;
          c = q === 1 || q === 2 ? -cq : cq;
          sn = q >= 2 ? -sq : sq;
        } else {
          c = Math.cos(ph);
          sn = Math.sin(ph);
        }
      }
      kL[i] = ld;
      kF[i] = f;
      kC[i] = c;
      kS[i] = sn;
      kSign[i] = d > 0 ? (tc > tt ? 1 / d : -1 / d) : 0;
      sf += f;
      sg += f * c;
      sh += f * sn;
      sy += y[from + i];
    }
    const mf = sf / n;
    const mg = sg / n;
    const mh = sh / n;
    const my = sy / n;
    let cff = 0;
    let cfg = 0;
    let cfh = 0;
    let cgg = 0;
    let cgh = 0;
    let chh = 0;
    let cyf = 0;
    let cyg = 0;
    let cyh = 0;
    let cyy = 0;
    for (let i = 0; i < n; i++) {
      const f = kF[i];
      const a = f - mf;
      const b = f * kC[i] - mg;
      const c = f * kS[i] - mh;
      const e = y[from + i] - my;
      cff += a * a;
      cfg += a * b;
      cfh += a * c;
      cgg += b * b;
      cgh += b * c;
      chh += c * c;
      cyf += e * a;
      cyg += e * b;
      cyh += e * c;
      cyy += e * e;
    }
    if (!Number.isFinite(cff + cgg + chh + cfg + cfh + cgh)) {
      out.fill(Number.NaN);
      return Number.NaN;
    }
    const sse = this.factor(cff, cfg, cfh, cgg, cgh, chh, cyf, cyg, cyh, cyy);
    const L = this.chol;
    const keep = this.keep;
    const z = this.z;
    const beta = this.beta;
    backward(L, keep, z, beta);
    out[0] = my - beta[0] * mf - beta[1] * mg - beta[2] * mh;
    out[1] = beta[0];
    out[2] = beta[1];
    out[3] = beta[2];
    out[4] = (keep[0] ? 1 : 0) + (keep[1] ? 1 : 0) + (keep[2] ? 1 : 0);
    if (jtj === null || jtr === null) return sse;
    // Kaufman directions: V_θ = ∂(Xβ)/∂θ, and the moments Σ V·X_c, Σ V·V (centred), Σ V·y_c.
    const B = beta[0];
    const C1 = beta[1];
    const C2 = beta[2];
    const mvx = this.mvx; // 3 (θ) × 3 (X)
    mvx.fill(0);
    const mvy = this.mvy;
    mvy.fill(0);
    const mvv = this.mvv;
    mvv.fill(0);
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const f = kF[i];
      const co = kC[i];
      const si = kS[i];
      const Li = kL[i];
      const mu = f * (B + C1 * co + C2 * si);
      const q = f * (C2 * co - C1 * si);
      const v0 = kSign[i] * (m * mu + omega * q);
      const v1 = Li * mu;
      const v2 = Li * q;
      const a = f - mf;
      const b = f * co - mg;
      const c = f * si - mh;
      const e = y[from + i] - my;
      mvx[0] += v0 * a;
      mvx[1] += v0 * b;
      mvx[2] += v0 * c;
      mvx[3] += v1 * a;
      mvx[4] += v1 * b;
      mvx[5] += v1 * c;
      mvx[6] += v2 * a;
      mvx[7] += v2 * b;
      mvx[8] += v2 * c;
      mvy[0] += v0 * e;
      mvy[1] += v1 * e;
      mvy[2] += v2 * e;
      mvv[0] += v0 * v0;
      mvv[1] += v0 * v1;
      mvv[2] += v0 * v2;
      mvv[4] += v1 * v1;
      mvv[5] += v1 * v2;
      mvv[8] += v2 * v2;
      s0 += v0;
      s1 += v1;
      s2 += v2;
    }
    const sv = [s0, s1, s2];
    // w_j = L⁻¹·(Σ V_j X_c): projections of each direction on the orthonormalised regressors.
    const w = this.w;
    for (let j = 0; j < 3; j++) {
      forward(L, keep, mvx[j * 3], mvx[j * 3 + 1], mvx[j * 3 + 2], this.tmp3);
      w[j * 3] = this.tmp3[0];
      w[j * 3 + 1] = this.tmp3[1];
      w[j * 3 + 2] = this.tmp3[2];
    }
    for (let a = 0; a < 3; a++) {
      jtr[a] = mvy[a] - (w[a * 3] * z[0] + w[a * 3 + 1] * z[1] + w[a * 3 + 2] * z[2]);
      for (let b = a; b < 3; b++) {
        const vv = mvv[a * 3 + b] - (sv[a] * sv[b]) / n;
        const val = vv - (w[a * 3] * w[b * 3] + w[a * 3 + 1] * w[b * 3 + 1] + w[a * 3 + 2] * w[b * 3 + 2]);
        jtj[a * 3 + b] = val;
        jtj[b * 3 + a] = val;
      }
    }
    return sse;
  }

  /**
   * SSE only (what optimisers call at trial points): the same moments and factorisation as
   * {@link LpplsProfile.runMoments}, bit for bit, without storing what the Gauss–Newton pass needs.
   */
  private runSse(tc: number, m: number, omega: number): number {
    const { t, y, from, n } = this;
    if (this.kL.length !== n) this.allocKeep();
    const kF = this.kF;
    const kG = this.kC;
    const kH = this.kS;
    this.failed = false;
    const shift = this.deltaShift;
    let sf = 0;
    let sg = 0;
    let sh = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.abs(tc - t[from + i]) + shift;
      let f = 0;
      let g = 0;
      let h = 0;
      if (d > 0) {
        const ld = Math.log(d);
        f = Math.exp(m * ld);
        const ph = omega * ld;
        if (Math.abs(ph) < SINCOS_MAX) {
          const k = Math.round(ph * INV_PIO2);
          const r = ph - k * PIO2_HI - k * PIO2_LO;
          const z = r * r;
          const sr = sinKernel(r, z);
          const cr = cosKernel(z);
          const q = k & 3;
          const cq = q & 1 ? sr : cr;
          const sq = q & 1 ? cr : sr;
          g = f * (q === 1 || q === 2 ? -cq : cq);
          h = f * (q >= 2 ? -sq : sq);
        } else {
          g = f * Math.cos(ph);
          h = f * Math.sin(ph);
        }
      }
      kF[i] = f;
      kG[i] = g;
      kH[i] = h;
      sf += f;
      sg += g;
      sh += h;
      sy += y[from + i];
    }
    const mf = sf / n;
    const mg = sg / n;
    const mh = sh / n;
    const my = sy / n;
    let cff = 0;
    let cfg = 0;
    let cfh = 0;
    let cgg = 0;
    let cgh = 0;
    let chh = 0;
    let cyf = 0;
    let cyg = 0;
    let cyh = 0;
    let cyy = 0;
    for (let i = 0; i < n; i++) {
      const a = kF[i] - mf;
      const b = kG[i] - mg;
      const c = kH[i] - mh;
      const e = y[from + i] - my;
      cff += a * a;
      cfg += a * b;
      cfh += a * c;
      cgg += b * b;
      cgh += b * c;
      chh += c * c;
      cyf += e * a;
      cyg += e * b;
      cyh += e * c;
      cyy += e * e;
    }
    if (!Number.isFinite(cff + cgg + chh + cfg + cfh + cgh)) {
      this.out.fill(Number.NaN);
      return Number.NaN;
    }
    return this.factor(cff, cfg, cfh, cgg, cgh, chh, cyf, cyg, cyh, cyy);
  }

  /**
   * Cholesky factor L of the centred 3×3 moment matrix with the relative rank check (into `chol`, `keep`),
   * z = L⁻¹·c_Xy (into `z`); returns the SSE c_yy − ‖z‖².
   */
  private factor(
    cff: number,
    cfg: number,
    cfh: number,
    cgg: number,
    cgh: number,
    chh: number,
    cyf: number,
    cyg: number,
    cyh: number,
    cyy: number,
  ): number {
    // Cholesky L of the centred 3×3 moment matrix with the relative rank check; z = L⁻¹·c_Xy.
    const L = this.chol;
    L.fill(0);
    const keep = this.keep;
    keep[0] = cff > 0;
    let l00 = 0;
    if (keep[0]) {
      l00 = Math.sqrt(cff);
      L[0] = l00;
      L[3] = cfg / l00;
      L[6] = cfh / l00;
    }
    const p1 = cgg - L[3] * L[3];
    keep[1] = p1 > RANK_TOL * RANK_TOL * cgg && cgg > 0;
    if (keep[1]) {
      L[4] = Math.sqrt(p1);
      L[7] = (cgh - L[6] * L[3]) / L[4];
    } else {
      L[3] = 0;
      L[7] = 0;
    }
    const p2 = chh - L[6] * L[6] - L[7] * L[7];
    keep[2] = p2 > RANK_TOL * RANK_TOL * chh && chh > 0;
    if (keep[2]) L[8] = Math.sqrt(p2);
    else {
      L[6] = 0;
      L[7] = 0;
    }
    if (!keep[0]) {
      L[3] = 0;
      L[6] = 0;
    }
    const z = this.z;
    forward(L, keep, cyf, cyg, cyh, z);
    const sse = Math.max(0, cyy - (z[0] * z[0] + z[1] * z[1] + z[2] * z[2]));
    return sse;
  }

  private allocKeep(): void {
    const n = this.n;
    this.kL = new Float64Array(n);
    this.kC = new Float64Array(n);
    this.kS = new Float64Array(n);
    this.kF = new Float64Array(n);
    this.kSign = new Float64Array(n);
  }

  private runLppls(tc: number, m: number, omega: number, _full: boolean): number {
    const { t, y, from, n, out } = this;
    this.failed = false;
    let sf = 0;
    let sg = 0;
    let sh = 0;
    let sff = 0;
    let sgg = 0;
    let shh = 0;
    let sfg = 0;
    let sfh = 0;
    let sgh = 0;
    let sy = 0;
    let syf = 0;
    let syg = 0;
    let syh = 0;
    if (this.kL.length !== n) this.allocKeep();
    const { kF, kC, kS } = this;
    for (let i = 0; i < n; i++) {
      const dT = Math.abs(tc - t[from + i]) + 1e-8;
      const phase = Math.log(dT);
      // exp(m·ln Δ) instead of pow: reuses the log (pow is the costliest call for a general m); it differs
      // from numpy's pow by ~1e-15 relative, far inside the reference tolerances.
      const f = Math.exp(m * phase);
      const co = Math.cos(omega * phase);
      const si = Math.sin(omega * phase);
      // lppls recomputes these same expressions for the residuals; storing them gives identical values.
      kF[i] = f;
      kC[i] = co;
      kS[i] = si;
      const g = f * co;
      const h = f * si;
      const yi = y[from + i];
      sf += f;
      sg += g;
      sh += h;
      sff += f * f;
      sgg += g * g;
      shh += h * h;
      sfg += f * g;
      sfh += f * h;
      sgh += g * h;
      sy += yi;
      syf += yi * f;
      syg += yi * g;
      syh += yi * h;
    }
    const a = [n + 1e-8, sf, sg, sh, sf, sff + 1e-8, sfg, sfh, sg, sfg, sgg + 1e-8, sgh, sh, sfh, sgh, shh + 1e-8];
    const b = [sy, syf, syg, syh];
    if (!solve4(a, b)) {
      this.failed = true;
      out.fill(Number.NaN);
      return Number.NaN;
    }
    const [A, B, C1, C2] = b;
    let sse = 0;
    for (let i = 0; i < n; i++) {
      const yhat = A + kF[i] * (B + (C1 * kC[i] + C2 * kS[i]));
      const e = yhat - y[from + i];
      sse += e * e;
    }
    out[0] = A;
    out[1] = B;
    out[2] = C1;
    out[3] = C2;
    out[4] = 3;
    return sse;
  }
}

/** z = L⁻¹·b for the lower-triangular row-major L, skipping dropped columns (z = 0 there). */
function forward(L: Float64Array, keep: readonly boolean[], b0: number, b1: number, b2: number, z: Float64Array): void {
  z[0] = keep[0] ? b0 / L[0] : 0;
  z[1] = keep[1] ? (b1 - L[3] * z[0]) / L[4] : 0;
  z[2] = keep[2] ? (b2 - L[6] * z[0] - L[7] * z[1]) / L[8] : 0;
}

/** β = L⁻ᵀ·z, skipping dropped columns (β = 0 there). */
function backward(L: Float64Array, keep: readonly boolean[], z: Float64Array, beta: number[]): void {
  beta[2] = keep[2] ? z[2] / L[8] : 0;
  beta[1] = keep[1] ? (z[1] - L[7] * beta[2]) / L[4] : 0;
  beta[0] = keep[0] ? (z[0] - L[3] * beta[1] - L[6] * beta[2]) / L[0] : 0;
}

/**
 * Gaussian elimination with partial pivoting on a row-major 4×4 system (LAPACK dgesv's pivot rule:
 * the first entry of largest magnitude). Solves in place into `b`; false when a pivot is exactly zero
 * or the matrix is not finite (lppls raises LinAlgError in both cases).
 */
function solve4(a: number[], b: number[]): boolean {
  for (let i = 0; i < 16; i++) if (!Number.isFinite(a[i])) return false;
  for (let i = 0; i < 4; i++) if (!Number.isFinite(b[i])) return false;
  for (let k = 0; k < 4; k++) {
    let piv = k;
    let best = Math.abs(a[k * 4 + k]);
    for (let i = k + 1; i < 4; i++) {
      const v = Math.abs(a[i * 4 + k]);
      if (v > best) {
        best = v;
        piv = i;
      }
    }
    if (best === 0) return false;
    if (piv !== k) {
      for (let j = 0; j < 4; j++) {
        const tmp = a[k * 4 + j];
        a[k * 4 + j] = a[piv * 4 + j];
        a[piv * 4 + j] = tmp;
      }
      const tb = b[k];
      b[k] = b[piv];
      b[piv] = tb;
    }
    const d = a[k * 4 + k];
    for (let i = k + 1; i < 4; i++) {
      const l = a[i * 4 + k] / d;
      if (l === 0) continue;
      for (let j = k + 1; j < 4; j++) a[i * 4 + j] -= l * a[k * 4 + j];
      b[i] -= l * b[k];
    }
  }
  for (let k = 3; k >= 0; k--) {
    let s = b[k];
    for (let j = k + 1; j < 4; j++) s -= a[k * 4 + j] * b[j];
    b[k] = s / a[k * 4 + k];
  }
  return true;
}

/** Options of {@link lpplsLinear}. */
export interface LinearOptions {
  /** Numerical recipe; default "default" (origin-invariant QR). */
  readonly mode?: LinearMode;
  /**
   * Default mode only: constant added to Δ = |tc − t| (0). Set 1e-8 to solve lppls's Δ convention
   * without its ridge (the reference's `exact_plain_lsq`).
   */
  readonly deltaShift?: number;
}

/**
 * Solves the linear LPPLS parameters and the SSE for fixed (tc, m, ω) on the whole series.
 *
 * @example
 * const t = [0, 1, 2, 3, 4, 5, 6, 7];
 * const y = t.map((x) => 2 - 0.5 * Math.sqrt(10 - x));
 * lpplsLinear(t, y, 10, 0.5, 8).B; // ≈ -0.5 (the data have no oscillation)
 */
export function lpplsLinear(
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  tc: number,
  m: number,
  omega: number,
  options: LinearOptions = {},
): LinearSolution {
  if (t.length !== y.length) throw new RangeError(`t and y must have the same length, got ${t.length} and ${y.length}`);
  if (t.length < 5) throw new RangeError(`the LPPLS linear problem needs at least 5 observations, got ${t.length}`);
  return new LpplsProfile(t, y, 0, t.length, options.mode ?? "default", options.deltaShift ?? 0).solve(tc, m, omega);
}
