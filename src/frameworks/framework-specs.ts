/**
 * Framework calculators expressed as indicator specs so that they share the engine's point-in-time inputs,
 * Monte Carlo bands and flip-point sensitivity:
 *  - Sequoia's revenue gap (D. Cahn 2024): coverage = actual AI revenue / (data-centre revenue × 2 × 2);
 *  - GPU depreciation-life sensitivity: Δ earnings = capex · GPU share · (1/L_economic − 1/L_booked) / net income;
 *  - Exponential View's five gauges (A. Azhar, 2025): economic strain, industry strain, revenue momentum,
 *    valuation heat, funding quality; each red/amber/green, tallied by `evTally`.
 * Complexity O(1) per spec.
 */

import { depreciationGap } from "./depreciation.ts";
import type { IndicatorSpec } from "./engine.ts";
import { doublingTime } from "./growth.ts";
import { fixed, inp, VALUATION_INPUTS } from "./indicators.ts";
import { REVENUE_GAP_DEFAULTS, REVENUE_GAP_SOURCE, revenueGap } from "./revenue-gap.ts";
import { LINES } from "./thresholds.ts";

export interface DepreciationOptions {
  /** Useful life the spenders book for servers/GPUs, years. */
  readonly bookedLife?: number;
  /** Economic life of a GPU generation, years. */
  readonly economicLife?: number;
}

/** Midpoints of the ranges stated in the issue: 5-6 years booked vs 2-3 years economic. */
export const DEPRECIATION_DEFAULTS: Readonly<Required<DepreciationOptions>> = Object.freeze({
  bookedLife: 5.5,
  economicLife: 2.5,
});

export const DEPRECIATION_SOURCE =
  "booked lives: hyperscalers' 10-K useful-life policies for servers (5-6 years: Microsoft and Alphabet 6, Meta 5.5, Amazon 5); economic life 2-3 years per critics of the policy (project issue 4); midpoints 5.5 and 2.5";

/**
 * Sequoia's revenue-gap spec.
 *
 * @example
 * sequoiaSpec().formula;
 */
export function sequoiaSpec(): IndicatorSpec {
  const { costMultiple, marginMultiple } = REVENUE_GAP_DEFAULTS;
  return {
    id: "sequoia-coverage-ai",
    era: "ai",
    label: "Sequoia's $600B question: AI revenue / revenue required by the build-out",
    unit: "ratio",
    formula: `coverage = (OpenAI revenue (E305, else E105) + Anthropic revenue (E306)) / (Nvidia data-centre revenue (E195, else E194) × ${costMultiple} × ${marginMultiple}) — ${REVENUE_GAP_SOURCE}`,
    basis:
      "one fiscal year's revenue on both sides; AI revenue counts two labs only, so the value is a lower bound and is judged as an interval",
    bound: "lower-bound",
    inputs: [
      inp("runRate", ["E195", "E194"], "USD bn"),
      inp("openai", ["E305", "E105"], "USD bn"),
      inp("anthropic", "E306", "USD bn"),
    ],
    compute: (v) => revenueGap(v.runRate, v.openai + v.anthropic).coverage,
    threshold: fixed(LINES.sequoiaCoverage, "lower-is-bubblier"),
    details: (v) => {
      const g = revenueGap(v.runRate, v.openai + v.anthropic);
      return [
        { label: "AI revenue required", value: g.required, unit: "USD bn", evidence: ["E195"] },
        {
          label: "AI revenue in the ledger (OpenAI + Anthropic)",
          value: v.openai + v.anthropic,
          unit: "USD bn",
          evidence: ["E305", "E306"],
        },
        { label: "gap", value: g.gap, unit: "USD bn", evidence: ["E195", "E305", "E306"] },
      ];
    },
    caveat:
      "actual AI revenue counts only the two labs in the ledger (a lower bound: hyperscalers' own AI revenue is not in it); Nvidia's annual data-centre revenue stands in for Sequoia's quarterly run-rate × 4",
  };
}

/**
 * GPU depreciation-life spec over the spenders with both FY2024 capex and net income in the ledger.
 *
 * @example
 * depreciationSpec().id; // "depreciation-ai"
 */
export function depreciationSpec(options: DepreciationOptions = {}): IndicatorSpec {
  const { bookedLife, economicLife } = { ...DEPRECIATION_DEFAULTS, ...options };
  if (!(bookedLife > 0)) throw new RangeError(`bookedLife must be > 0, got ${bookedLife}`);
  if (!(economicLife > 0 && economicLife <= bookedLife)) {
    throw new RangeError(`economicLife must be in (0, bookedLife], got ${economicLife}`);
  }
  const gap = (v: Readonly<Record<string, number>>) =>
    depreciationGap(v.cMsft + v.cAmzn + v.cMeta, v.gpu / v.allIn, bookedLife, economicLife);
  return {
    id: "depreciation-ai",
    era: "ai",
    label: "GPU depreciation life: earnings overstatement if GPUs last 2-3 years, not 5-6",
    unit: "percent",
    basis: "FY2024 capex and FY2024 GAAP net income of the same three spenders",
    formula: `Δ = Σ capex FY2024 (E155, E136, E146) × GPU share (E309 / E117) × (1/${economicLife} − 1/${bookedLife}) / Σ net income FY2024 (E246, E232, E240), % — ${DEPRECIATION_SOURCE}`,
    inputs: [
      inp("cMsft", "E155", "USD bn"),
      inp("cAmzn", "E136", "USD bn"),
      inp("cMeta", "E146", "USD bn"),
      inp("gpu", "E309", "USD bn per GW"),
      inp("allIn", "E117", "USD bn per GW"),
      inp("nMsft", "E246", "USD bn"),
      inp("nAmzn", "E232", "USD bn"),
      inp("nMeta", "E240", "USD bn"),
    ],
    compute: (v) => (100 * gap(v)) / (v.nMsft + v.nAmzn + v.nMeta),
    threshold: fixed(LINES.depreciation, "higher-is-bubblier"),
    details: (v) => [
      {
        label: "extra annual depreciation while the FY2024 vintage is young",
        value: gap(v),
        unit: "USD bn",
        evidence: ["E155", "E136", "E146", "E309", "E117"],
      },
    ],
    caveat:
      "pre-tax charge against after-tax income; Alphabet is left out (no FY2024 net income in the ledger); the GPU share of capex is taken from the per-GW cost split",
  };
}

/** Zone names of a gauge, mapped from the verdict. */
export const GAUGE_ZONE = Object.freeze({ "bubble-like": "red", inconclusive: "amber", healthy: "green" } as const);

/**
 * Exponential View's five gauges as specs.
 *
 * @example
 * gaugeSpecs().length; // 5
 */
export function gaugeSpecs(): IndicatorSpec[] {
  return [
    {
      id: "gauge-economic-strain",
      era: "ai",
      label: "EV gauge 1, economic strain: AI capex as % of US GDP",
      unit: "percent of GDP",
      formula:
        "strain = combined AI capex of the largest spenders / US GDP (E301, else E300); compared with the 1880s railroads (E304) and the 2000 IT-investment peak (E299)",
      basis: "annualised quarterly capex over annual GDP, 2025",
      inputs: [
        inp("s", ["E301", "E300"], "percent of GDP"),
        inp("rail", "E304", "percent of GDP"),
        inp("it2000", "E299", "percent of GDP"),
      ],
      compute: (v) => v.s,
      threshold: fixed(LINES.capexGdp, "higher-is-bubblier"),
      details: (v, ids) => [
        {
          label: "AI capex as a share of the 1880s railroad peak",
          value: (100 * v.s) / v.rail,
          unit: "percent",
          evidence: [ids.s, ids.rail],
        },
        {
          label: "AI capex as a share of the 2000 IT-investment peak (broader basis)",
          value: (100 * v.s) / v.it2000,
          unit: "percent",
          evidence: [ids.s, ids.it2000],
        },
      ],
    },
    {
      id: "gauge-industry-strain",
      era: "ai",
      label: "EV gauge 2, industry strain: gen-AI revenue / AI capex",
      unit: "percent",
      formula:
        "coverage = 100 · (OpenAI revenue (E305, else E105) + Anthropic revenue (E306)) / big-tech AI capex (E138)",
      basis: "FY2025 revenue against FY2025 capex; revenue of two labs only, a lower bound judged as an interval",
      bound: "lower-bound",
      inputs: [
        inp("openai", ["E305", "E105"], "USD bn"),
        inp("anthropic", "E306", "USD bn"),
        inp("capex", "E138", "USD bn"),
      ],
      compute: (v) => (100 * (v.openai + v.anthropic)) / v.capex,
      threshold: fixed(LINES.revenueCoverage, "lower-is-bubblier"),
      caveat: "revenue of two labs only: a lower bound on gen-AI revenue",
    },
    {
      id: "gauge-revenue-momentum",
      era: "ai",
      label: "EV gauge 3, revenue momentum: doubling time of AI revenue (Nvidia data centre)",
      unit: "months",
      formula: "T2 = 12 · ln 2 / ln(E195 / E194), months",
      basis: "GAAP segment revenue of two consecutive fiscal years",
      inputs: [inp("r0", "E194", "USD bn"), inp("r1", "E195", "USD bn")],
      compute: (v) => doublingTime(v.r0, v.r1, 12),
      threshold: fixed(LINES.revenueDoubling, "higher-is-bubblier"),
      caveat: "vendor revenue stands in for end-user AI revenue, whose history is not in the ledger",
    },
    {
      id: "gauge-valuation-heat",
      era: "ai",
      label: "EV gauge 4, valuation heat: bellwether P/E (Nvidia)",
      unit: "x",
      formula: `P/E = close (${VALUATION_INPUTS.ai.price}) / GAAP diluted EPS, trailing twelve months (${VALUATION_INPUTS.ai.ttmEps.join(", else ")})`,
      basis: "the bellwether valuation's basis: GAAP TTM EPS, the close at the talk date",
      inputs: [
        inp("price", VALUATION_INPUTS.ai.price, "USD/share"),
        inp("eps", VALUATION_INPUTS.ai.ttmEps, "USD/share"),
      ],
      compute: (v) => v.price / v.eps,
      threshold: fixed(LINES.priceEarnings, "higher-is-bubblier"),
      caveat: "EV uses the Nasdaq's P/E, which is not in the ledger",
    },
    {
      id: "gauge-funding-quality",
      era: "ai",
      label: "EV gauge 5, funding quality: debt-financed share of data-centre capex",
      unit: "percent",
      formula: "share = 100 · data-centre debt issuance 2025 (E084) / data-centre capex 2025 (E140)",
      basis: "one calendar year (2025) for both debt issued and capex",
      inputs: [inp("debt", "E084", "USD bn"), inp("capex", "E140", "USD bn")],
      compute: (v) => (100 * v.debt) / v.capex,
      threshold: fixed(LINES.debtShare, "higher-is-bubblier"),
    },
  ];
}
