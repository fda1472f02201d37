/**
 * Lag-0 recursive ADF kernel: every window's ADF t-statistic in O(1) from running moment sums.
 *
 * Model (Phillips, Shi & Yu 2015, eq. 3 with k = 0): Δy_t = α + δ·y_{t−1} + ε_t over t = s+1..e; the statistic is
 * δ̂/se(δ̂). With x_t = y_{t−1} − y_s (shifting the regressor by the window's first level changes neither δ̂ nor its
 * standard error, because the intercept absorbs it) and the window sums S_x, S_xx, S_y, S_yy, S_xy over T rows:
 *   A = T·S_xy − S_x·S_y,  D = (T·S_xx − S_x²)(T·S_yy − S_y²) − A²,  ADF = A·√(T−2)/√D.
 * (This is δ̂ = A/(T·S_xx − S_x²) and RSS = D/(T·(T·S_xx − S_x²)) written without divisions.)
 *
 * Conditioning: the caller standardises y (affine invariance, PSY eq. 3 has an intercept), and the per-start shift
 * keeps the regressor near zero, so the T-weighted moments lose only a few digits to cancellation (measured:
 * ≤ 3e-12 relative to exuber's recursive least squares on the shared reference cases).
 *
 * For the BSADF maximum over starts the kernel compares q = sign(A)·A²·(T−2)/D (the signed square of the t-stat,
 * monotone in it) so the inner loop needs one division and no square root.
 *
 * Complexity: O(n²) time (one pass per start, O(1) per window), O(n) memory. NaN semantics follow exuber:
 * 0/0 windows are NaN; BSADF[e] is seeded with BADF[e] and only a strictly larger value replaces it.
 */

/** Output buffers for one series: BADF and BSADF for end points e = m..n−1 (0-based row index of the end). */
export interface Lag0Output {
  /** ADF(0, e) for every end e (index e − firstEnd). */
  badf: Float64Array;
  /** max over starts of ADF(s, e) (index e − firstEnd). */
  bsadf: Float64Array;
}

/**
 * Fills `out.badf` and `out.bsadf` for the standardised series `y` (length n) and minimum window `m` (rows).
 * Element k belongs to the window(s) ending at 0-based observation e = m + k. When `bsadf` is false only BADF is
 * computed (O(n)), which is all exuber's Monte Carlo critical values need for SADF and the BSADF cv sequence.
 */
export function radfLag0Kernel(y: Float64Array, m: number, out: Lag0Output, bsadf = true): void {
  const n = y.length;
  const L = n - m;
  const badfOut = out.badf;
  const bsOut = out.bsadf;
  // Start 0: BADF with full t-statistics.
  {
    const y0 = y[0];
    let sx = 0;
    let sxx = 0;
    let sy = 0;
    let syy = 0;
    let sxy = 0;
    for (let e = 1; e < n; e++) {
      const x = y[e - 1] - y0;
      const d = y[e] - y[e - 1];
      sx += x;
      sxx += x * x;
      sy += d;
      syy += d * d;
      sxy += x * d;
      const T = e;
      if (T >= m) {
        const a = T * sxy - sx * sy;
        const bx = T * sxx - sx * sx;
        const dd = bx * (T * syy - sy * sy) - a * a;
        const t = (a * Math.sqrt(T - 2)) / Math.sqrt(dd);
        badfOut[e - m] = t;
        if (bsadf) bsOut[e - m] = Number.isNaN(t) ? t : Math.sign(t) * t * t;
      }
    }
  }
  if (!bsadf) return;
  // Other starts: signed squared statistics, max per end point.
  for (let s = 1; s < L; s++) {
    const ys = y[s];
    let sx = 0;
    let sxx = 0;
    let sy = 0;
    let syy = 0;
    let sxy = 0;
    // Rows before the first admissible window.
    const first = s + m;
    for (let e = s + 1; e < first; e++) {
      const x = y[e - 1] - ys;
      const d = y[e] - y[e - 1];
      sx += x;
      sxx += x * x;
      sy += d;
      syy += d * d;
      sxy += x * d;
    }
    for (let e = first; e < n; e++) {
      const x = y[e - 1] - ys;
      const d = y[e] - y[e - 1];
      sx += x;
      sxx += x * x;
      sy += d;
      syy += d * d;
      sxy += x * d;
      const T = e - s;
      const a = T * sxy - sx * sy;
      const dd = (T * sxx - sx * sx) * (T * syy - sy * sy) - a * a;
      // dd <= 0 only for (numerically) perfect fits: mirror √ of a negative (NaN) or 0 (±Inf, NaN for 0/0).
      const q =
        dd > 0 ? (a * Math.abs(a) * (T - 2)) / dd : dd === 0 && a !== 0 ? a * Number.POSITIVE_INFINITY : Number.NaN;
      const k = e - m;
      if (q > bsOut[k]) bsOut[k] = q;
    }
  }
  for (let k = 0; k < L; k++) {
    const q = bsOut[k];
    bsOut[k] = Number.isNaN(q) ? q : Math.sign(q) * Math.sqrt(Math.abs(q));
  }
}
