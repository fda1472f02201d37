/**
 * Market-wide valuation as indicators (issue 13): Shiller's CAPE and the Buffett indicator (nonfinancial corporate
 * equities / GDP) from their input tables (`valuationSummary`, src/macro), each judged at the 2000-era peak and at
 * the latest observation against GMO's two-sigma line — mean + 2σ of the measure's own history up to that date
 * (sample standard deviation, n − 1) — with "healthy" at or below the historical mean (a bubblescope convention).
 * The two measures are one fact ("market-valuation"): one vote in any tally. Browser-safe: the report
 * (src/report/macro-section.ts) and the dashboard's in-browser model (src/web/client/recompute.ts) both call
 * {@link marketValuation}, so an as-of replay in the browser gives the report's indicators for that date.
 * Complexity: that of `valuationSummary` (O(n²) percentiles of three marks, n ≤ 2,000) + O(n) per line.
 */
import { type DateTable, ERA_WINDOWS, type ValuationSeries, valuationSummary } from "../macro/index.ts";
import { classify, explainVerdict, type Threshold } from "./classify.ts";
import type { IndicatorResult } from "./engine.ts";

const r4 = (v: number) => Number(v.toPrecision(6));
const ev = (f: string) => `macro:${f}`;

/** One measure as the report model carries it (history rounded to 6 significant digits). */
export interface ValuationJson {
  readonly id: "cape" | "buffett";
  readonly label: string;
  readonly unit: string;
  readonly formula: string;
  readonly source: string;
  readonly evidence: readonly string[];
  readonly marks: ValuationSeries["marks"];
  readonly check: ValuationSeries["check"];
  readonly history: readonly (readonly [string, number | null])[];
}

/**
 * Rows of a date table up to and including `asOf` (YYYY-MM-DD; none = all rows).
 *
 * @example
 * clipTable(t, "2000-03-10").dates.at(-1); // "2000-03-01"
 */
export function clipTable(t: DateTable, asOf?: string | null): DateTable {
  if (!asOf) return t;
  const keep = t.dates.map((d) => d <= asOf);
  const columns: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(t.columns)) columns[k] = v.filter((_, i) => keep[i]);
  return { dates: t.dates.filter((_, i) => keep[i]), columns };
}

function sigma2Line(history: readonly number[], source: string, evidence: readonly string[]): Threshold {
  const h = history.filter(Number.isFinite);
  const mean = h.reduce((a, b) => a + b, 0) / h.length;
  const sd = Math.sqrt(h.reduce((a, b) => a + (b - mean) ** 2, 0) / (h.length - 1));
  return {
    direction: "higher-is-bubblier",
    bubbleAt: r4(mean + 2 * sd),
    healthyAt: r4(mean),
    source,
    evidence,
  };
}

function valuationJson(s: ValuationSeries, file: string): ValuationJson {
  return {
    id: s.id,
    label: s.label,
    unit: s.unit,
    formula: s.formula,
    source: s.source,
    evidence: [ev(file)],
    marks: s.marks.map((m) => ({ ...m, value: r4(m.value), percentile: r4(m.percentile) })),
    check: { ...s.check },
    history: s.dates.map((d, i) => [d, Number.isFinite(s.values[i]) ? r4(s.values[i]) : null] as const),
  };
}

function valuationIndicators(v: ValuationJson, values: readonly number[], dates: readonly string[]): IndicatorResult[] {
  const out: IndicatorResult[] = [];
  const lineSource = `GMO's 2σ definition of a bubble (Grantham: a 2-standard-deviation deviation from the mean of the measure's own history up to that date); healthy = at or below the historical mean (bubblescope convention)`;
  // CAPE and equities/GDP are two measures of one fact (market-wide valuation): one vote in any tally.
  const basis =
    v.id === "cape"
      ? "Shiller CAPE: S&P 500 real price / 10-year average of real earnings, monthly; the 2000-era peak month vs the latest month, each against its own history up to that date"
      : "market value of US corporate equities / GDP, quarterly (Fed Z.1, BEA); the 2000-era peak quarter vs the latest quarter, each against its own history up to that date";
  const fact = "market-valuation";
  for (const era of ["2000", "ai"] as const) {
    const mark = v.marks.find((m) => m.key === (era === "2000" ? "peak-2000" : "latest"));
    const label = `Market-wide valuation: ${v.label} (${era === "2000" ? "2000 era" : "AI era"})`;
    const id = `${v.id}-${era}`;
    if (!mark || (era === "ai" && mark.date < ERA_WINDOWS.ai.from)) {
      out.push({
        id,
        era,
        label,
        value: null,
        unit: v.unit,
        formula: v.formula,
        basis,
        fact,
        evidence: [...v.evidence],
        verdict: "inconclusive",
        reason: era === "ai" ? "no AI-era observation in the data (or before --as-of)" : "no observation in 1995–2002",
        computed: false,
        inputs: [],
        threshold: null,
      });
      continue;
    }
    const hist = values.filter((_, i) => dates[i] <= mark.date);
    const t = sigma2Line(hist, lineSource, v.evidence);
    const fmt = (x: number) => x.toFixed(1);
    const talk = v.marks.find((m) => m.key === "talk");
    const details = [
      {
        label: `percentile in its history ${mark.historyFrom.slice(0, 4)}–${mark.date.slice(0, 7)}`,
        value: r4(mark.percentile),
        unit: "%",
        evidence: [...v.evidence],
      },
      ...(era === "ai" && talk
        ? [
            {
              label: `at the talk (${talk.date.slice(0, 7)})`,
              value: r4(talk.value),
              unit: v.unit,
              evidence: [...v.evidence],
            },
            { label: "percentile at the talk", value: r4(talk.percentile), unit: "%", evidence: [...v.evidence] },
          ]
        : []),
    ];
    out.push({
      id,
      era,
      label,
      value: r4(mark.value),
      unit: v.unit,
      formula: `${v.formula}; ${era === "2000" ? "the 2000-era peak" : "the latest observation"} (${mark.date.slice(0, 7)})`,
      basis,
      fact,
      evidence: [...v.evidence],
      verdict: classify(mark.value, t),
      reason: `${explainVerdict(mark.value, t, fmt)}; ${fmt(mark.percentile)}th percentile of its history to ${mark.date.slice(0, 7)}`,
      computed: true,
      inputs: [],
      threshold: t,
      details,
    });
  }
  return out;
}

/**
 * CAPE and equities/GDP (as the report model carries them) and their four indicators, from the Shiller monthly
 * table (shiller_monthly.csv) and the quarterly equities/GDP table (buffett_quarterly.csv), each already clipped
 * at the as-of date ({@link clipTable}).
 *
 * @example
 * const { indicators } = marketValuation(parseDateTable(shillerCsv), parseDateTable(buffettCsv));
 * indicators.map((i) => i.id); // ["cape-2000", "cape-ai", "buffett-2000", "buffett-ai"]
 */
export function marketValuation(
  shiller: DateTable,
  buffett: DateTable,
): { cape: ValuationJson; buffett: ValuationJson; indicators: IndicatorResult[] } {
  const v = valuationSummary(shiller, buffett);
  const cape = valuationJson(v.cape, "shiller_monthly.csv");
  const bj = valuationJson(v.buffett, "buffett_quarterly.csv");
  return {
    cape,
    buffett: bj,
    indicators: [
      ...valuationIndicators(cape, v.cape.values, v.cape.dates),
      ...valuationIndicators(bj, v.buffett.values, v.buffett.dates),
    ],
  };
}
