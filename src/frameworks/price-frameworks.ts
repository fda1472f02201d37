import { classify, type Threshold, type Verdict } from "./classify.ts";
import type { IndicatorResult, SensitivityResult } from "./engine.ts";
import { TWO_SIGMA_SOURCE, twoSigma } from "./gmo.ts";
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

/**
 * GMO two-sigma framework on one series, with the flip price.
 *
 * @example
 * gmoFramework("NVDA", series, null).result.verdict;
 */
export function gmoFramework(
  key: string,
  series: PriceSeries,
  asOf: string | null,
): { result: FrameworkResult; sensitivity: SensitivityResult[] } {
  const ev = [`prices:${key}`];
  const base = { id: `gmo-2sigma:${key}`, name: `GMO two-sigma rule (${key})`, evidence: ev, source: TWO_SIGMA_SOURCE };
  const s = truncateSeries(series, asOf, key);
  let r: ReturnType<typeof twoSigma>;
  try {
    r = twoSigma(s);
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
  const t = thr(LINES.gmoSigma, "higher-is-bubblier");
  const verdict = classify(r.z, t);
  const last = s.values[s.values.length - 1];
  const trendValue = last / r.priceToTrend;
  const line = verdict === "bubble-like" ? t.bubbleAt : verdict === "healthy" ? t.healthyAt : t.bubbleAt;
  const flipPrice = trendValue * Math.exp(line * r.sigma);
  const to: Verdict =
    verdict === "bubble-like" ? "inconclusive" : verdict === "healthy" ? "inconclusive" : "bubble-like";
  const first = s.dates[0];
  const lastDate = s.dates[s.dates.length - 1];
  const pct = (flipPrice / last - 1) * 100;
  return {
    result: {
      ...base,
      verdict,
      computed: true,
      reasons: [
        `log price ${r.z.toFixed(2)} residual sigmas from its OLS log-linear trend fitted ${first} to ${lastDate} (n = ${r.n}); price is ${((r.priceToTrend - 1) * 100).toFixed(0)}% ${r.priceToTrend >= 1 ? "above" : "below"} trend`,
        `verdict ${verdict}: bubble line ${t.bubbleAt} sigma, near-trend line ${t.healthyAt} sigma (${t.source})`,
        "the trend is fitted on the supplied window only; GMO uses multi-decade trends",
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
        sentence: `GMO two-sigma on ${key} turns from ${verdict} to ${to} if the last close moves from ${last.toPrecision(5)} to ${flipPrice.toPrecision(5)} (${pct > 0 ? "+" : ""}${pct.toFixed(1)}%), holding the fitted trend and sigma fixed`,
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
): { result: FrameworkResult; sensitivity: SensitivityResult[] } {
  const ev = [`prices:${key}`];
  const base = {
    id: `gsy-crash:${key}`,
    name: `Greenwood-Shleifer-You run-up crash odds (${key})`,
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
