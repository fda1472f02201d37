/**
 * Lag-0 recursive ADF kernel: every window's ADF t-statistic in O(1) from running moment sums.
 *
 * Model (Phillips, Shi & Yu 2015, eq. 3 with k = 0): Δy_t = α + δ·y_{t−1} + ε_t over t = s+1..e; the statistic is
 * δ̂/se(δ̂). With x_t = y_{t−1} − y_s (shifting the regressor by the window's first level changes neither δ̂ nor its
 * standard error, because the intercept absorbs it), z = y_e − y_s and the window sums S_x, S_xx, S_dd = ΣΔy²
 * over T rows, the other two moments telescope: S_y = ΣΔy_t = z and S_xy = Σx_tΔy_t = (z² − S_dd)/2. Then
 *   A = T·S_xy − S_x·z,  D = (T·S_xx − S_x²)(T·S_dd − z²) − A²,  ADF = A·√(T−2)/√D
 * (δ̂ = A/(T·S_xx − S_x²) and RSS = D/(T·(T·S_xx − S_x²)) written without divisions).
 *
 * Conditioning: the caller standardises y (the statistic is affine-invariant), and the per-start shift keeps the
 * regressor near zero, so the T-weighted moments lose only a few digits to cancellation (measured: ≤ 4e-12
 * relative to exuber's recursive least squares on the shared reference cases).
 *
 * Speed: maxima over starts compare q = sign(A)·A²·(T−2)/D (the signed square of the statistic, monotone in it)
 * as A·|A|·(T−2) > q_best·D, with no square root or division per window; and once the running maximum is
 * positive, a window with A ≤ 0 (a negative statistic, ~95% of windows under the null) cannot beat it, so D is
 * not even formed. Complexity: O(n²) time (O(1) per window), O(n) memory. NaN semantics follow exuber: windows
 * whose differences do not vary (0/0) are NaN; BSADF[e] is seeded with BADF[e] and only a strictly larger value
 * replaces it. A perfect fit with varying differences (an exact exponential) is ±∞ where exuber's rounding gives ~1e15.
 */

/** Output buffers for one series: element k is the window(s) ending at 0-based observation e = m + k. */
export interface Lag0Output {
  /** ADF(0, e): the expanding window from the first observation. */
  badf: Float64Array;
  /** max over starts of ADF(s, e). */
  bsadf: Float64Array;
}

/** What to compute beyond BADF: the BSADF sequence, only the GSADF (global maximum), or nothing. */
export type Lag0Mode = "bsadf" | "gsadf" | "none";

/** Degenerate-window tolerance: a moment this small relative to its scale is treated as exactly zero. */
const EPS = 1e-12;

/**
 * Signed square of the t-statistic of a window whose D = bx·vy − A² is (numerically) not positive: when the
 * differences do not vary (vy ≈ 0, e.g. a constant or a linear trend) the statistic is 0/0 = NaN, as exuber; when
 * the fit is perfect but they vary (RSS ≈ 0, e.g. an exact exponential), it is ±∞ with the sign of δ̂.
 */
function degenerate(a: number, bx: number, vy: number, sdd: number, T: number): number {
  if (!(vy > EPS * T * sdd) || !(bx > 0)) return Number.NaN;
  return a === 0 ? Number.NaN : a * Number.POSITIVE_INFINITY;
}

function fromSigned(q: number): number {
  return Number.isNaN(q) ? q : Math.sign(q) * Math.sqrt(Math.abs(q));
}

/**
 * Fills `out.badf` (and `out.bsadf` in "bsadf" mode) for the standardised series `y` with minimum window `m` rows;
 * returns the GSADF (−∞ if every window is NaN; NaN in "none" mode).
 */
export function radfLag0Kernel(y: Float64Array, m: number, out: Lag0Output, mode: Lag0Mode = "bsadf"): number {
  const n = y.length;
  const L = n - m;
  const badfOut = out.badf;
  const bs = out.bsadf;
  // Start 0: BADF with full t-statistics.
  let best = Number.NEGATIVE_INFINITY; // signed-square GSADF so far
  let sawNaN = false;
  {
    const y0 = y[0];
    let sx = 0;
    let sxx = 0;
    let sdd = 0;
    for (let e = 1; e < n; e++) {
      const x = y[e - 1] - y0;
      const d = y[e] - y[e - 1];
      sx += x;
      sxx += x * x;
      sdd += d * d;
      const T = e;
      if (T >= m) {
        const z = y[e] - y0;
        const a = T * 0.5 * (z * z - sdd) - sx * z;
        const bx = T * sxx - sx * sx;
        const vy = T * sdd - z * z;
        const dd = bx * vy - a * a;
        const t =
          dd > EPS * bx * vy && vy > EPS * T * sdd
            ? (a * Math.sqrt(T - 2)) / Math.sqrt(dd)
            : degenerate(a, bx, vy, sdd, T);
        badfOut[e - m] = t;
        if (Number.isNaN(t)) sawNaN = true;
        const q = Number.isNaN(t) ? t : Math.sign(t) * t * t;
        bs[e - m] = q;
        if (q > best) best = q;
      }
    }
  }
  if (mode === "none") return Number.NaN;
  if (mode === "gsadf" && sawNaN) {
    // exuber ignores every window ending where BADF is NaN (BSADF is then NaN): take the per-end path.
    for (let k = 0; k < L; k++) bs[k] = Number.isNaN(badfOut[k]) ? Number.NaN : Math.sign(badfOut[k]) * badfOut[k] ** 2;
    mode = "bsadf";
  }
  for (let s = 1; s < L; s++) {
    const ys = y[s];
    let sx = 0;
    let sxx = 0;
    let sdd = 0;
    const first = s + m;
    for (let e = s + 1; e < first; e++) {
      const x = y[e - 1] - ys;
      const d = y[e] - y[e - 1];
      sx += x;
      sxx += x * x;
      sdd += d * d;
    }
    let T = m;
    if (mode === "gsadf") {
      for (let e = first; e < n; e++, T++) {
        const x = y[e - 1] - ys;
        const d = y[e] - y[e - 1];
        sx += x;
        sxx += x * x;
        sdd += d * d;
        const z = y[e] - ys;
        const a = T * 0.5 * (z * z - sdd) - sx * z;
        if (a <= 0 && best > 0) continue;
        const bx = T * sxx - sx * sx;
        const vy = T * sdd - z * z;
        const dd = bx * vy - a * a;
        if (dd > EPS * bx * vy && vy > EPS * T * sdd) {
          if (a * Math.abs(a) * (T - 2) > best * dd) best = (a * Math.abs(a) * (T - 2)) / dd;
        } else {
          const q = degenerate(a, bx, vy, sdd, T);
          if (q > best) best = q;
        }
      }
    } else {
      for (let e = first; e < n; e++, T++) {
        const x = y[e - 1] - ys;
        const d = y[e] - y[e - 1];
        sx += x;
        sxx += x * x;
        sdd += d * d;
        const z = y[e] - ys;
        const a = T * 0.5 * (z * z - sdd) - sx * z;
        const k = e - m;
        const cur = bs[k];
        if (a <= 0 && cur > 0) continue;
        const bx = T * sxx - sx * sx;
        const vy = T * sdd - z * z;
        const dd = bx * vy - a * a;
        if (dd > EPS * bx * vy && vy > EPS * T * sdd) {
          if (a * Math.abs(a) * (T - 2) > cur * dd) bs[k] = (a * Math.abs(a) * (T - 2)) / dd;
        } else {
          const q = degenerate(a, bx, vy, sdd, T);
          if (q > cur) bs[k] = q;
        }
      }
    }
  }
  if (mode === "gsadf") return fromSigned(best);
  let g = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < L; k++) {
    const t = fromSigned(bs[k]);
    bs[k] = t;
    if (t > g) g = t;
  }
  return g;
}
