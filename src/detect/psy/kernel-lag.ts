/**
 * ADF(p) recursive kernel for any lag: every window's ADF t-statistic by updating a QR factorisation one row at a
 * time (Givens rotations; Golub & Van Loan, "Matrix Computations", §6.5.3 — the row-append update of R).
 *
 * Regression (Phillips, Shi & Yu 2015, eq. 3): Δy_t = α + Σ_{j=1..p} φ_j Δy_{t−j} + δ·y_{t−1} + ε_t over the window's
 * rows t = s+p+1..e (all lagged differences from inside the window, as exuber and psymonitor do). For each start s
 * we keep the upper-triangular factor R of the augmented design [1, Δy_{t−1..t−p}, y_{t−1} − y_s, Δy_t]
 * (AᵀA = RᵀR). With y_{t−1} as the last regressor and the dependent variable after it:
 *   δ̂ = R[K−1][K]/R[K−1][K−1],  √RSS = R[K][K],  se(δ̂) = √(RSS/(T−K))/R[K−1][K−1],
 * so ADF = R[K−1][K]·√(T−K)/R[K][K] — read off in O(1) after each O(K²) row update. Working on rows (not on the
 * normal equations) keeps the conditioning of the data; the caller also standardises y (the statistic is
 * affine-invariant) and the regressor is shifted by y_s (absorbed by the intercept).
 *
 * Lag selection by information criterion (PSY 2015 §6 and psymonitor choose the lag per window) is in the same
 * kernel: one running QR per candidate lag k = 0..P on its own rows t ≥ s+k+1, plus
 *  - "common" (default, scale-invariant): one nested QR on the common rows t ≥ s+P+1 with columns
 *    [1, y_{t−1}, Δy_{t−1}, …, Δy_{t−P}, Δy_t], whose trailing R entries give every nested model's RSS_k on the same
 *    sample (Ng & Perron 2005); IC_k = log(RSS_k/T_c) + pen_k/T_c, pen = 2K_k (AIC) or K_k·log T_c (BIC).
 *  - "psymonitor": its criterion (Σ over own rows of log 2π + ε̂², plus pen, divided by t = T−1−P, with pen 2K or
 *    K·log t on the unscaled data) and its t-statistic degrees of freedom t − P − 2 for every candidate.
 *
 * Complexity: O(n²·K²) time for a fixed lag (O(n²·Σ_k K_k²) with selection), O(n + K²) memory.
 */

/** Output buffers: element k is the window(s) ending at 0-based observation e = m + P + k (P = max lag). */
export interface LagOutput {
  badf: Float64Array;
  bsadf: Float64Array;
}

/** Appends row `x` (length J, consumed) to the J×J upper-triangular factor R (row-major). */
function givensAppend(R: Float64Array, J: number, x: Float64Array): void {
  for (let i = 0; i < J; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const ii = i * J + i;
    const rii = R[ii];
    const r = Math.sqrt(rii * rii + xi * xi);
    const c = rii / r;
    const s = xi / r;
    R[ii] = r;
    for (let j = i + 1; j < J; j++) {
      const a = R[i * J + j];
      const b = x[j];
      R[i * J + j] = c * a + s * b;
      x[j] = c * b - s * a;
    }
  }
}

/**
 * t-statistic of the last regressor from the augmented factor (K regressors, J = K+1), with `dof` residual dof.
 * Degenerate windows: no variation in the differences around the intercept (0/0) → NaN, as exuber; a perfect fit
 * with varying differences (RSS ≈ 0) → ±∞ with the sign of δ̂; δ collinear with the other regressors → NaN.
 */
function tStatFromR(R: Float64Array, K: number, dof: number): number {
  const J = K + 1;
  const rdd = R[(K - 1) * J + (K - 1)];
  const num = R[(K - 1) * J + K];
  const ryy = R[K * J + K];
  let tss = 0;
  for (let i = 1; i <= K; i++) tss += R[i * J + K] ** 2;
  if (!(tss > 1e-24 * (tss + R[K] ** 2)) || rdd === 0) return Number.NaN;
  if (ryy * ryy <= 1e-24 * tss) return num === 0 ? Number.NaN : num * Number.POSITIVE_INFINITY;
  return (num * Math.sqrt(dof)) / ryy;
}

/** Fills BADF/BSADF for a fixed lag p ≥ 0 on the standardised series y with minimum window m (rows). */
export function radfFixedLagKernel(y: Float64Array, m: number, p: number, out: LagOutput, bsadf = true): void {
  const n = y.length;
  const K = p + 2;
  const J = K + 1;
  const R = new Float64Array(J * J);
  const x = new Float64Array(J);
  const first = m + p;
  const lastStart = bsadf ? n - 1 - m - p : 0;
  for (let s = 0; s <= lastStart; s++) {
    R.fill(0);
    const ys = y[s];
    for (let t = s + p + 1; t < n; t++) {
      x[0] = 1;
      for (let j = 1; j <= p; j++) x[j] = y[t - j] - y[t - j - 1];
      x[K - 1] = y[t - 1] - ys;
      x[K] = y[t] - y[t - 1];
      givensAppend(R, J, x);
      const T = t - s - p;
      if (T >= m) {
        const stat = tStatFromR(R, K, T - K);
        const k = t - first;
        if (s === 0) {
          out.badf[k] = stat;
          if (bsadf) out.bsadf[k] = stat;
        } else if (stat > out.bsadf[k]) out.bsadf[k] = stat;
      }
    }
  }
}

/** Lag-selection options for `radfIcKernel`. */
export interface IcKernelOptions {
  maxLag: number;
  ic: "aic" | "bic";
  mode: "common" | "psymonitor";
  /** Variance scale of the standardised data (σ² with y_std = (y − μ)/σ): psymonitor's criterion is not scale-free. */
  scale2: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Fills BADF/BSADF with the lag chosen per window by AIC/BIC (see header); windows are admissible at the max lag. */
export function radfIcKernel(y: Float64Array, m: number, opt: IcKernelOptions, out: LagOutput, bsadf = true): void {
  const n = y.length;
  const P = opt.maxLag;
  const bic = opt.ic === "bic";
  const psym = opt.mode === "psymonitor";
  // Own-sample factors, one per candidate lag k (K_k = k+2 regressors, δ last, then the dependent variable).
  const Rk: Float64Array[] = [];
  for (let k = 0; k <= P; k++) Rk.push(new Float64Array((k + 3) * (k + 3)));
  const xk = new Float64Array(P + 3);
  // Common-sample nested factor: [1, y_{t−1}, Δy_{t−1..t−P}, Δy_t].
  const Jc = P + 3;
  const Rc = new Float64Array(Jc * Jc);
  const xc = new Float64Array(Jc);
  const first = m + P;
  const lastStart = bsadf ? n - 1 - m - P : 0;
  const crit = new Float64Array(P + 1);
  for (let s = 0; s <= lastStart; s++) {
    for (const R of Rk) R.fill(0);
    Rc.fill(0);
    const ys = y[s];
    for (let t = s + 1; t < n; t++) {
      // Own-sample rows: model k takes row t once t ≥ s+k+1.
      for (let k = 0; k <= P && t >= s + k + 1; k++) {
        const K = k + 2;
        xk[0] = 1;
        for (let j = 1; j <= k; j++) xk[j] = y[t - j] - y[t - j - 1];
        xk[K - 1] = y[t - 1] - ys;
        xk[K] = y[t] - y[t - 1];
        givensAppend(Rk[k], K + 1, xk);
      }
      if (!psym && t >= s + P + 1) {
        xc[0] = 1;
        xc[1] = y[t - 1] - ys;
        for (let j = 1; j <= P; j++) xc[1 + j] = y[t - j] - y[t - j - 1];
        xc[P + 2] = y[t] - y[t - 1];
        givensAppend(Rc, Jc, xc);
      }
      const Tc = t - s - P; // rows at the maximum lag
      if (Tc < m) continue;
      let best = 0;
      if (psym) {
        const tt = Tc; // psymonitor's t = T − 1 − adflag, T counted in levels
        for (let k = 0; k <= P; k++) {
          const K = k + 2;
          const J = K + 1;
          const rss = Rk[k][K * J + K] ** 2 * opt.scale2;
          const own = t - s - k;
          const pen = bic ? K * Math.log(tt) : 2 * K;
          crit[k] = (own * LOG_2PI + rss + pen) / tt;
        }
      } else {
        // Nested RSS on the common sample: RSS_k = R_yy² + Σ_{i ≥ k+2} R[i][y]².
        let tail = Rc[(Jc - 1) * Jc + (Jc - 1)] ** 2;
        for (let k = P; k >= 0; k--) {
          const K = k + 2;
          if (k < P) tail += Rc[(k + 2) * Jc + (Jc - 1)] ** 2;
          const pen = bic ? K * Math.log(Tc) : 2 * K;
          crit[k] = Math.log(tail / Tc) + pen / Tc;
        }
      }
      for (let k = 1; k <= P; k++) if (crit[k] < crit[best]) best = k;
      const K = best + 2;
      const dof = psym ? Tc - P - 2 : t - s - best - K;
      const stat = tStatFromR(Rk[best], K, dof);
      const idx = t - first;
      if (s === 0) {
        out.badf[idx] = stat;
        if (bsadf) out.bsadf[idx] = stat;
      } else if (stat > out.bsadf[idx]) out.bsadf[idx] = stat;
    }
  }
}
