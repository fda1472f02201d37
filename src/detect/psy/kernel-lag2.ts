/**
 * The QR-update ADF kernel of kernel-lag.ts specialised for lag p = 2 (K = 4 regressors, J = 5 columns with the
 * dependent variable), unrolled with the 15 entries of R held in local variables. Same algorithm (one Givens
 * row-append per window, PSY 2015 eq. 3; Golub & Van Loan §6.5.3), same results to rounding; it exists because
 * lag 2 is the common choice in applied work and the unrolled loop avoids array indexing in the inner loop.
 * Complexity: O(n²) windows × ~50 flops + 5 square roots.
 */
import type { LagOutput } from "./kernel-lag.ts";

/** Fills BADF (and BSADF when `bsadf`) for lag 2 on the standardised series y with minimum window m rows. */
export function radfLag2Kernel(y: Float64Array, m: number, out: LagOutput, bsadf = true): void {
  const n = y.length;
  const first = m + 2;
  const lastStart = bsadf ? n - 1 - m - 2 : 0;
  const badf = out.badf;
  const bs = out.bsadf;
  for (let s = 0; s <= lastStart; s++) {
    const ys = y[s];
    let r00 = 0;
    let r01 = 0;
    let r02 = 0;
    let r03 = 0;
    let r04 = 0;
    let r11 = 0;
    let r12 = 0;
    let r13 = 0;
    let r14 = 0;
    let r22 = 0;
    let r23 = 0;
    let r24 = 0;
    let r33 = 0;
    let r34 = 0;
    let r44 = 0;
    for (let t = s + 3; t < n; t++) {
      let x1 = y[t - 1] - y[t - 2];
      let x2 = y[t - 2] - y[t - 3];
      let x3 = y[t - 1] - ys;
      let x4 = y[t] - y[t - 1];
      let a: number;
      let r: number;
      let c: number;
      let q: number;
      // i = 0 (x0 = 1)
      r = Math.sqrt(r00 * r00 + 1);
      c = r00 / r;
      q = 1 / r;
      r00 = r;
      a = r01;
      r01 = c * a + q * x1;
      x1 = c * x1 - q * a;
      a = r02;
      r02 = c * a + q * x2;
      x2 = c * x2 - q * a;
      a = r03;
      r03 = c * a + q * x3;
      x3 = c * x3 - q * a;
      a = r04;
      r04 = c * a + q * x4;
      x4 = c * x4 - q * a;
      // i = 1
      if (x1 !== 0) {
        r = Math.sqrt(r11 * r11 + x1 * x1);
        c = r11 / r;
        q = x1 / r;
        r11 = r;
        a = r12;
        r12 = c * a + q * x2;
        x2 = c * x2 - q * a;
        a = r13;
        r13 = c * a + q * x3;
        x3 = c * x3 - q * a;
        a = r14;
        r14 = c * a + q * x4;
        x4 = c * x4 - q * a;
      }
      // i = 2
      if (x2 !== 0) {
        r = Math.sqrt(r22 * r22 + x2 * x2);
        c = r22 / r;
        q = x2 / r;
        r22 = r;
        a = r23;
        r23 = c * a + q * x3;
        x3 = c * x3 - q * a;
        a = r24;
        r24 = c * a + q * x4;
        x4 = c * x4 - q * a;
      }
      // i = 3
      if (x3 !== 0) {
        r = Math.sqrt(r33 * r33 + x3 * x3);
        c = r33 / r;
        q = x3 / r;
        r33 = r;
        a = r34;
        r34 = c * a + q * x4;
        x4 = c * x4 - q * a;
      }
      // i = 4
      r44 = Math.sqrt(r44 * r44 + x4 * x4);
      const T = t - s - 2;
      if (T < m) continue;
      const k = t - first;
      // Same degeneracy rules as tStatFromR in kernel-lag.ts.
      let stat: number;
      const tss = r14 * r14 + r24 * r24 + r34 * r34 + r44 * r44;
      if (!(tss > 1e-24 * (tss + r04 * r04)) || r33 === 0) stat = Number.NaN;
      else if (r44 * r44 <= 1e-24 * tss) stat = r34 === 0 ? Number.NaN : r34 * Number.POSITIVE_INFINITY;
      else stat = (r34 * Math.sqrt(T - 4)) / r44;
      if (s === 0) {
        badf[k] = stat;
        if (bsadf) bs[k] = stat;
      } else if (stat > bs[k]) bs[k] = stat;
    }
  }
}
