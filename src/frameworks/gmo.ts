/**
 * GMO's two-sigma rule (Jeremy Grantham, GMO Quarterly Letters, e.g. "Bubbles" / "Let the Good Times Roll"
 * 2014-2021; GMO White Paper "Bubbles", 2013): a bubble is a price excursion of at least two standard deviations
 * above its long-run trend — an event that would occur about once in 44 years if excursions were normal; GMO
 * counted 330 such bubbles and found that nearly all of them broke back to trend.
 *
 * Computation: fit the trend ln Pₜ = a + b·t by ordinary least squares on the supplied window (t in years from
 * the first date; centred sums for stability), take residuals eₜ, their standard deviation σ (n − 2 degrees of
 * freedom), and report z = e_last / σ, the latest excursion in sigmas. Complexity O(n).
 *
 * `twoSigmaOutOfSample` does not fit the trend on the window it judges: the trend and σ come from the data up to a
 * fit-end date (e.g. five years before the evaluation date, an expanding real-time trend), and the excursion of the
 * last price is measured from the trend extrapolated to its date. That is the only form that can tell a bubble
 * inside the judged window from the trend itself, which a fit on the window absorbs. Complexity O(n).
 */

export interface TwoSigmaOptions {
  /** Sigmas above trend that define a bubble (GMO: 2). */
  readonly bubbleSigma?: number;
  /** Minimum number of observations for a meaningful trend. */
  readonly minObservations?: number;
}

export const TWO_SIGMA_DEFAULTS: Readonly<Required<TwoSigmaOptions>> = Object.freeze({
  bubbleSigma: 2,
  minObservations: 250,
});

export const TWO_SIGMA_SOURCE =
  "GMO (J. Grantham), 'Bubbles' white paper 2013 and quarterly letters: a bubble is a >= 2-sigma deviation from trend";

export interface TwoSigmaResult {
  readonly z: number;
  readonly sigma: number;
  /** Trend growth per year (log points). */
  readonly trendPerYear: number;
  /** Latest price relative to its trend value (e.g. 1.8 = 80% above trend). */
  readonly priceToTrend: number;
  readonly n: number;
  readonly bubble: boolean;
}

function yearsSince(d0: string, d: string): number {
  return (Date.parse(`${d}T00:00:00Z`) - Date.parse(`${d0}T00:00:00Z`)) / (365.25 * 86400000);
}

/**
 * Latest deviation of log price from its OLS log-linear trend, in residual standard deviations.
 *
 * @example
 * twoSigma({ dates, values }).z; // e.g. 2.4 → above GMO's 2σ line
 */
export function twoSigma(
  series: { readonly dates: readonly string[]; readonly values: ArrayLike<number> },
  options: TwoSigmaOptions = {},
): TwoSigmaResult {
  const { bubbleSigma, minObservations } = { ...TWO_SIGMA_DEFAULTS, ...options };
  const n = series.values.length;
  if (series.dates.length !== n)
    throw new RangeError(`dates (${series.dates.length}) and values (${n}) differ in length`);
  if (!(Number.isInteger(minObservations) && minObservations >= 3)) {
    throw new RangeError(`minObservations must be an integer >= 3, got ${minObservations}`);
  }
  if (n < minObservations) throw new RangeError(`twoSigma needs at least ${minObservations} observations, got ${n}`);
  const t = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = series.values[i];
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`values[${i}] must be a positive finite price, got ${v}`);
    t[i] = yearsSince(series.dates[0], series.dates[i]);
    if (!Number.isFinite(t[i])) throw new RangeError(`dates[${i}] is not an ISO date: "${series.dates[i]}"`);
    y[i] = Math.log(v);
  }
  let mt = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mt += t[i];
    my += y[i];
  }
  mt /= n;
  my /= n;
  let stt = 0;
  let sty = 0;
  for (let i = 0; i < n; i++) {
    stt += (t[i] - mt) ** 2;
    sty += (t[i] - mt) * (y[i] - my);
  }
  if (stt === 0) throw new RangeError("dates must span more than one day");
  const b = sty / stt;
  const a = my - b * mt;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - a - b * t[i]) ** 2;
  const sigma = Math.sqrt(sse / (n - 2));
  const last = y[n - 1] - a - b * t[n - 1];
  const z = sigma > 0 ? last / sigma : 0;
  return { z, sigma, trendPerYear: b, priceToTrend: Math.exp(last), n, bubble: z >= bubbleSigma };
}

/**
 * Deviation of the last log price from an OLS log-linear trend fitted only on observations dated on or before
 * `fitEnd` (strictly before the judged window), in residual sigmas of that fit.
 *
 * @example
 * twoSigmaOutOfSample({ dates, values }, "1995-03-10").z; // Nasdaq 2000-03-10 against its 1971-1995 trend
 */
export function twoSigmaOutOfSample(
  series: { readonly dates: readonly string[]; readonly values: ArrayLike<number> },
  fitEnd: string,
  options: TwoSigmaOptions = {},
): TwoSigmaResult & { readonly fitFrom: string; readonly fitTo: string; readonly fitN: number } {
  const n = series.values.length;
  if (series.dates.length !== n)
    throw new RangeError(`dates (${series.dates.length}) and values (${n}) differ in length`);
  let m = 0;
  while (m < n && series.dates[m] <= fitEnd) m++;
  if (m === n) throw new RangeError(`no observation after the fit window ending ${fitEnd} to judge`);
  const fit = twoSigma(
    { dates: series.dates.slice(0, m), values: Array.from({ length: m }, (_, i) => series.values[i]) },
    options,
  );
  // Recover the fitted line from the fit's own result: a = ln P_m-1 − e_m-1, with e = ln(priceToTrend).
  const t = (d: string) => yearsSince(series.dates[0], d);
  const lastFit = Math.log(series.values[m - 1]) - Math.log(fit.priceToTrend);
  const a = lastFit - fit.trendPerYear * t(series.dates[m - 1]);
  const pLast = series.values[n - 1];
  if (!(pLast > 0) || !Number.isFinite(pLast)) throw new RangeError(`the last price must be positive, got ${pLast}`);
  const e = Math.log(pLast) - a - fit.trendPerYear * t(series.dates[n - 1]);
  const z = fit.sigma > 0 ? e / fit.sigma : 0;
  const { bubbleSigma } = { ...TWO_SIGMA_DEFAULTS, ...options };
  return {
    z,
    sigma: fit.sigma,
    trendPerYear: fit.trendPerYear,
    priceToTrend: Math.exp(e),
    n: fit.n,
    bubble: z >= bubbleSigma,
    fitFrom: series.dates[0],
    fitTo: series.dates[m - 1],
    fitN: m,
  };
}
