/**
 * Shiller's cyclically adjusted price/earnings ratio (CAPE, P/E10; Campbell & Shiller 1998, "Valuation Ratios and
 * the Long-Run Stock Market Outlook", JPM 24(2); Shiller, Irrational Exuberance, data in ie_data.xls):
 *
 *   CAPE_t = (P_t / CPI_t) / ( (1/W) · Σ_{s=t−W..t−1} E_s / CPI_s ),   W = 120 months,
 *
 * i.e. the real price over the mean of the ten years of real (CPI-deflated) trailing 12-month earnings *before*
 * month t — the alignment that reproduces Shiller's published column (the window ending at t itself is off by up to
 * 1.1%; this one by < 1e-5, measured on all 1,743 months, test/macro/valuation.test.ts). The reference CPI of "real"
 * cancels. A month is defined only when its price and CPI and all W earnings/CPI values are present (NaN
 * otherwise). Complexity O(n·W) (plain sums: W = 120, n ≈ 1,900).
 *
 * @example
 * // Shiller's published 1999-12 value is 44.20; capeSeries on his inputs gives 44.2 (see test/macro/valuation.test.ts)
 */
export interface CapeInput {
  readonly price: readonly number[];
  readonly earnings: readonly number[];
  readonly cpi: readonly number[];
}

export function capeSeries(x: CapeInput, windowMonths = 120): number[] {
  const n = x.price.length;
  if (x.earnings.length !== n || x.cpi.length !== n)
    throw new RangeError(
      `cape: price, earnings and cpi must have the same length (${n}, ${x.earnings.length}, ${x.cpi.length})`,
    );
  if (!Number.isInteger(windowMonths) || windowMonths < 1)
    throw new RangeError(`cape: windowMonths must be a positive integer, got ${windowMonths}`);
  const realE = x.earnings.map((e, i) => e / x.cpi[i]);
  const out: number[] = new Array(n).fill(Number.NaN);
  for (let t = windowMonths; t < n; t++) {
    let s = 0;
    let ok = true;
    for (let j = t - windowMonths; j < t; j++) {
      if (!Number.isFinite(realE[j])) {
        ok = false;
        break;
      }
      s += realE[j];
    }
    const rp = x.price[t] / x.cpi[t];
    if (ok && Number.isFinite(rp)) out[t] = rp / (s / windowMonths);
  }
  return out;
}
