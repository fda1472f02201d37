import { classify, type Threshold, type Verdict } from "./classify.ts";
import type { IndicatorResult, SensitivityResult } from "./engine.ts";
import { TWO_SIGMA_SOURCE, twoSigmaOutOfSample } from "./gmo.ts";
import { crashProbability, GSY_SOURCE, GSY_TABLE, twoYearRunUp } from "./gsy.ts";
import { LINES } from "./thresholds.ts";

/** A price series as the report passes it. */
export interface PriceSeries {
  readonly dates: readonly string[];
  readonly values: Float64Array | readonly number[];
  /**
   * Evaluate this series as of this date (YYYY, YYYY-MM or YYYY-MM-DD) instead of the model's `asOf`, e.g. a
   * 2000-era series at its 2000 peak while the model looks at 2025.
   */
  readonly asOf?: string;
  /**
   * Evaluate the price frameworks at several dates (e.g. the talk date and the latest close), each with a label;
   * `at: null` = the last observation. When set, `asOf` is ignored for the frameworks.
   */
  readonly evaluate?: readonly { readonly label: string; readonly at: string | null }[];
}

/** A framework's result: verdict with reasons and the evidence ids behind every number. */
export interface FrameworkResult {
  readonly id: string;
  readonly name: string;
  readonly verdict: Verdict;
  readonly computed: boolean;
  readonly reasons: readonly string[];
  readonly evidence: readonly string[];
  readonly source: string;
  readonly values: readonly {
    readonly label: string;
    readonly value: number;
    readonly unit: string;
    readonly evidence: readonly string[];
  }[];
  readonly components?: readonly IndicatorResult[];
}

const thr = (
  line: { bubbleAt: number; healthyAt: number; source: string },
  direction: Threshold["direction"],
): Threshold => ({
  direction,
  bubbleAt: line.bubbleAt,
  healthyAt: line.healthyAt,
  source: line.source,
  evidence: [],
});

/**
 * Truncates a series to dates on or before `asOf` (ISO) and checks it.
 *
 * @example
 * truncateSeries({ dates: ["2000-01-03", "2000-01-04"], values: [1, 2] }, "2000-01-03").values.length; // 1
 */
export function truncateSeries(s: PriceSeries, asOf: string | null, key = "series"): PriceSeries {
  if (s.dates.length !== s.values.length) {
    throw new RangeError(`prices.${key}: dates (${s.dates.length}) and values (${s.values.length}) differ in length`);
  }
  for (let i = 1; i < s.dates.length; i++) {
    if (!(s.dates[i] > s.dates[i - 1]))
      throw new RangeError(`prices.${key}: dates must be strictly increasing at ${i} (${s.dates[i]})`);
  }
  if (asOf === null) return s;
  let n = 0;
  while (n < s.dates.length && s.dates[n] <= asOf) n++;
  return { dates: s.dates.slice(0, n), values: Array.from(s.values).slice(0, n) };
}

/** Options of the price frameworks. */
export interface PriceFrameworkOptions {
  /** GMO: years of the judged window before the evaluation date; the trend is fitted on everything before it. */
  readonly judgeYears?: number;
  /** GMO: fewest years of data the trend is fitted on (GMO's trends span decades; two years is not a trend). */
  readonly minTrendYears?: number;
  /** Suffix of the framework id and name (e.g. "talk date"), for several evaluation dates of one series. */
  readonly label?: string;
}

export const PRICE_FRAMEWORK_DEFAULTS = Object.freeze({ judgeYears: 5, minTrendYears: 10 });

/** `YYYY-MM-DD` minus whole years (29 Feb → 28 Feb). */
export function yearsBefore(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) - years;
  const md = date.slice(5) === "02-29" ? "02-28" : date.slice(5);
  return `${String(y).padStart(4, "0")}-${md}`;
}

const suffix = (label: string | undefined) => (label ? `@${label.replace(/\s+/g, "-")}` : "");

/**
 * GMO two-sigma framework on one series, with the flip price. The trend is not fitted on the window it judges: it
 * is fitted on all observations up to `judgeYears` before the evaluation date and extrapolated (an expanding,
 * real-time trend), and σ is the residual standard deviation of that fit.
 *
 * @example
 * gmoFramework("NASDAQ", nasdaqFrom1971, "2000-03-10").result.verdict;
 */
export function gmoFramework(
  key: string,
  series: PriceSeries,
  asOf: string | null,
  options: PriceFrameworkOptions = {},
): { result: FrameworkResult; sensitivity: SensitivityResult[] } {
  const { judgeYears, minTrendYears } = { ...PRICE_FRAMEWORK_DEFAULTS, ...options };
  if (!(Number.isInteger(judgeYears) && judgeYears >= 1))
    throw new RangeError(`judgeYears must be an integer >= 1, got ${judgeYears}`);
  const ev = [`prices:${key}`];
  const base = {
    id: `gmo-2sigma:${key}${suffix(options.label)}`,
    name: `GMO two-sigma rule (${key}${options.label ? `, ${options.label}` : ""})`,
    evidence: ev,
    source: TWO_SIGMA_SOURCE,
  };
  const s = truncateSeries(series, asOf, key);
  let r: ReturnType<typeof twoSigmaOutOfSample>;
  try {
    if (s.values.length === 0) throw new RangeError("no observations on or before the as-of date");
    const lastDate = s.dates[s.dates.length - 1];
    const fitEnd = yearsBefore(lastDate, judgeYears);
    if (s.dates[0] > yearsBefore(fitEnd, minTrendYears))
      throw new RangeError(
        `the trend needs at least ${minTrendYears} years of data before ${fitEnd}; the series starts ${s.dates[0]}`,
      );
    r = twoSigmaOutOfSample(s, fitEnd);
  } catch (e) {
    return {
      result: {
        ...base,
        verdict: "inconclusive",
        computed: false,
        reasons: [
          `not computed: ${(e as Error).message} (the trend is fitted only on data from before the ${judgeYears}-year window it judges)`,
        ],
        values: [],
      },
      sensitivity: [],
    };
  }
  const t = thr(LINES.gmoSigma, "higher-is-bubblier");
  const verdict = classify(r.z, t);
  const last = s.values[s.values.length - 1];
  const trendValue = last / r.priceToTrend;
  const line = verdict === "bubble-like" ? t.bubbleAt : verdict === "healthy" ? t.healthyAt : t.bubbleAt;
  const flipPrice = trendValue * Math.exp(line * r.sigma);
  const to: Verdict =
    verdict === "bubble-like" ? "inconclusive" : verdict === "healthy" ? "inconclusive" : "bubble-like";
  const lastDate = s.dates[s.dates.length - 1];
  const pct = (flipPrice / last - 1) * 100;
  return {
    result: {
      ...base,
      verdict,
      computed: true,
      reasons: [
        `log price on ${lastDate} ${r.z.toFixed(2)} residual sigmas from the OLS log-linear trend fitted ${r.fitFrom} to ${r.fitTo} (n = ${r.fitN}) and extrapolated; price is ${((r.priceToTrend - 1) * 100).toFixed(0)}% ${r.priceToTrend >= 1 ? "above" : "below"} trend`,
        `verdict ${verdict}: bubble line ${t.bubbleAt} sigma, near-trend line ${t.healthyAt} sigma (${t.source})`,
        `the trend is not fitted on the ${judgeYears}-year window it judges (an expanding real-time trend; GMO uses multi-decade trends)`,
      ],
      values: [
        { label: "z (sigmas above trend)", value: r.z, unit: "sigma", evidence: ev },
        { label: "price / trend", value: r.priceToTrend, unit: "ratio", evidence: ev },
        { label: "trend growth per year (log points)", value: r.trendPerYear, unit: "log points", evidence: ev },
      ],
    },
    sensitivity: [
      {
        subject: base.id,
        verdict,
        input: `prices:${key}`,
        inputLabel: `${key} last close (${lastDate})`,
        from: last,
        to: flipPrice,
        unit: "price",
        relativeChange: flipPrice / last - 1,
        newVerdict: to,
        withinLedgerRange: false,
        sentence: `GMO two-sigma on ${key} turns from ${verdict} to ${to} if the close on ${lastDate} moves from ${last.toPrecision(5)} to ${flipPrice.toPrecision(5)} (${pct > 0 ? "+" : ""}${pct.toFixed(1)}%), holding the fitted trend and sigma fixed`,
        evidence: ev,
      },
    ],
  };
}

/**
 * Greenwood-Shleifer-You framework on one series, with the flip price.
 *
 * @example
 * gsyFramework("NVDA", series, null).result.values[1].value; // crash probability, percent
 */
export function gsyFramework(
  key: string,
  series: PriceSeries,
  asOf: string | null,
  options: PriceFrameworkOptions = {},
): { result: FrameworkResult; sensitivity: SensitivityResult[] } {
  const ev = [`prices:${key}`];
  const base = {
    id: `gsy-crash:${key}${suffix(options.label)}`,
    name: `Greenwood-Shleifer-You run-up crash odds (${key}${options.label ? `, ${options.label}` : ""})`,
    evidence: ev,
    source: GSY_SOURCE,
  };
  const s = truncateSeries(series, asOf, key);
  let ru: ReturnType<typeof twoYearRunUp>;
  try {
    if (s.values.length === 0) throw new RangeError("no observations on or before the as-of date");
    ru = twoYearRunUp(s);
  } catch (e) {
    return {
      result: {
        ...base,
        verdict: "inconclusive",
        computed: false,
        reasons: [`not computed: ${(e as Error).message}`],
        values: [],
      },
      sensitivity: [],
    };
  }
  const cp = crashProbability(ru.runUpPct);
  const t = thr(LINES.gsyRunUp, "higher-is-bubblier");
  const verdict = classify(ru.runUpPct, t);
  const p1 = s.values[s.values.length - 1];
  const p0 = p1 / (1 + ru.runUpPct / 100);
  const line = verdict === "healthy" ? t.healthyAt : t.bubbleAt;
  const flipPrice = p0 * (1 + line / 100);
  const to: Verdict =
    verdict === "bubble-like" ? "inconclusive" : verdict === "healthy" ? "inconclusive" : "bubble-like";
  const pct = (flipPrice / p1 - 1) * 100;
  return {
    result: {
      ...base,
      verdict,
      computed: true,
      reasons: [
        `2-year run-up ${ru.from} → ${ru.to}: ${ru.runUpPct.toFixed(1)}%`,
        cp.extrapolated && ru.runUpPct < GSY_TABLE[0].runUpPct
          ? `crash probability: below the table (run-ups under ${GSY_TABLE[0].runUpPct}% are not in it; at ${GSY_TABLE[0].runUpPct}% it is ${GSY_TABLE[0].crashProbPct}%) — ${GSY_SOURCE}`
          : `crash probability (40% drawdown within 2 years) ≈ ${cp.probabilityPct.toFixed(0)}%${cp.extrapolated ? " (beyond the table's top anchor: nearest anchor)" : " (linear interpolation)"} — ${GSY_SOURCE}`,
        `verdict ${verdict}: bubble line ${t.bubbleAt}% run-up, healthy line ${t.healthyAt}% (${t.source})`,
      ],
      values: [
        { label: "2-year run-up", value: ru.runUpPct, unit: "percent", evidence: ev },
        // Below the table's first anchor GSY give no probability: none is reported rather than the anchor's.
        ...(cp.extrapolated && ru.runUpPct < GSY_TABLE[0].runUpPct
          ? []
          : [{ label: "crash probability", value: cp.probabilityPct, unit: "percent", evidence: ev }]),
      ],
    },
    sensitivity: [
      {
        subject: base.id,
        verdict,
        input: `prices:${key}`,
        inputLabel: `${key} last close (${ru.to})`,
        from: p1,
        to: flipPrice,
        unit: "price",
        relativeChange: flipPrice / p1 - 1,
        newVerdict: to,
        withinLedgerRange: false,
        sentence: `GSY on ${key} turns from ${verdict} to ${to} if the last close moves from ${p1.toPrecision(5)} to ${flipPrice.toPrecision(5)} (${pct > 0 ? "+" : ""}${pct.toFixed(1)}%), the price two years earlier unchanged`,
        evidence: ev,
      },
    ],
  };
}
