/**
 * The "Buffett indicator": market value of corporate equities over nominal GDP, in percent (Buffett & Loomis,
 * Fortune, 10 Dec 2001: "probably the best single measure of where valuations stand at any given moment").
 * Here with the Fed's Financial Accounts Z.1 series NCBEILQ027S (nonfinancial corporate business; corporate
 * equities; liability, market value, millions USD) over BEA nominal GDP (billions USD, SAAR):
 *
 *   ratio_t = NCBEILQ027S_t / 1000 / GDP_t × 100.
 *
 * NaN where either input is missing or GDP is not positive. O(n).
 *
 * @example
 * buffettRatio([71_863_086], [31_422.526]); // [228.70…] (2025Q4)
 */
export function buffettRatio(equitiesMillions: readonly number[], gdpBillions: readonly number[]): number[] {
  if (equitiesMillions.length !== gdpBillions.length)
    throw new RangeError(
      `buffettRatio: equities and GDP must have the same length (${equitiesMillions.length}, ${gdpBillions.length})`,
    );
  return equitiesMillions.map((e, i) => {
    const g = gdpBillions[i];
    return Number.isFinite(e) && Number.isFinite(g) && g > 0 ? (e / 1000 / g) * 100 : Number.NaN;
  });
}
