/**
 * The indicator specifications for both eras: utilisation, bellwether valuation (P/E and P/S on one basis), ROIC
 * before/after the capex ramp, funding coverage and debt share, usage growth, capex intensity, margin structure.
 * Circular financing and market structure are built from the deal graph (`circular.ts`, `market-structure.ts`).
 * Each spec names its inputs by ledger id (alternatives in order of preference for point-in-time queries), states
 * its formula, and its verdict lines with their sources (`thresholds.ts`). Complexity O(1) per indicator.
 */
import { monthsBetween } from "../evidence/period.ts";
import type { Ledger } from "../evidence/query.ts";
import type { Threshold } from "./classify.ts";
import type { IndicatorSpec, InputSpec, ThresholdContext } from "./engine.ts";
import { doublingTime } from "./growth.ts";
import { grossProfit } from "./margins.ts";
import { ERA_BENCHMARK_SOURCE, LINES, type Line, ROIC_NOISE_SOURCE, USAGE_RULE_SOURCE } from "./thresholds.ts";

export const inp = (key: string, ids: string | readonly string[], unit: string): InputSpec => ({
  key,
  ids: typeof ids === "string" ? [ids] : ids,
  unit,
});

/** A threshold from a fixed line. */
export const fixed = (line: Line, direction: Threshold["direction"]) => (): Threshold => ({
  direction,
  bubbleAt: line.bubbleAt,
  healthyAt: line.healthyAt,
  source: line.source,
  evidence: [],
});

/** A threshold from two 2000-era benchmark indicators (bubble line = worse one, healthy line = milder one). */
export const benchmark =
  (bubbleId: string, healthyId: string, direction: Threshold["direction"]) =>
  (ctx: ThresholdContext): Threshold | null => {
    const b = ctx.point(bubbleId);
    const h = ctx.point(healthyId);
    if (!b || !h) return null;
    const worse = direction === "higher-is-bubblier" ? Math.max(b.value, h.value) : Math.min(b.value, h.value);
    const milder = direction === "higher-is-bubblier" ? Math.min(b.value, h.value) : Math.max(b.value, h.value);
    return {
      direction,
      bubbleAt: worse,
      healthyAt: milder,
      source: `${ERA_BENCHMARK_SOURCE} (${bubbleId}, ${healthyId})`,
      evidence: [...new Set([...b.evidence, ...h.evidence])],
    };
  };

const none = (): null => null;

/** Months between the starts of two figures' periods (the interval of a growth computation). */
function monthsApart(ledger: Ledger, a: string, b: string): number {
  const fa = ledger.byId.get(a);
  const fb = ledger.byId.get(b);
  if (!fa || !fb) return Number.NaN;
  return Math.round(monthsBetween(fa.period.end, fb.period.end));
}

/**
 * All ledger-based indicator specs, 2000 era first (their values serve as benchmarks for the AI era).
 *
 * @example
 * indicatorSpecs(ledger).map((s) => s.id);
 */
export function indicatorSpecs(ledger: Ledger): IndicatorSpec[] {
  const tokenMonths = monthsApart(ledger, "E181", "E184");
  const dcMonths = monthsApart(ledger, "E194", "E195");
  const capexMonths = monthsApart(ledger, "E139", "E140");
  const cscoMonths = monthsApart(ledger, "E171", "E172");
  return [
    // ---------------------------------------------------------------- utilisation
    {
      id: "utilisation-2000",
      era: "2000",
      label: "Utilisation: share of lit fibre capacity in use",
      unit: "percent",
      formula: "u = traffic carried / lit capacity, % (Merrill Lynch estimate via WSJ, E002)",
      inputs: [inp("u", ["E002", "E006"], "percent")],
      compute: (v) => v.u,
      threshold: fixed(LINES.utilisation, "lower-is-bubblier"),
      caveat:
        "measured in summer 2001, after the March-2000 peak; it is the origin of the '97% dark' figure (100 - 2.7), a capacity-use measure, not a count of dark strands (E007: 5% of fibres lit, 2002)",
    },
    {
      id: "utilisation-ai",
      era: "ai",
      label: "Utilisation: share of time GPU servers do useful work",
      unit: "percent",
      formula: "u = hours in useful work / hours available, % (LBNL estimate via Uptime Institute, E011)",
      inputs: [inp("u", "E011", "percent")],
      compute: (v) => v.u,
      threshold: fixed(LINES.utilisation, "lower-is-bubblier"),
      caveat:
        "frontier training fleets; non-optimised enterprise clusters average 5% (E014), and H100 rental prices fell ~80% to Oct 2025 (E018)",
    },
    {
      id: "utilisation-ai-capacity",
      era: "ai",
      label: "Utilisation: achieved share of peak GPU compute (the 2001 measure's basis)",
      unit: "percent",
      formula: "u = achieved FLOP/s / peak FLOP/s while running (MFU-like), % (E012)",
      inputs: [inp("u", "E012", "percent")],
      compute: (v) => v.u,
      threshold: fixed(LINES.utilisation, "lower-is-bubblier"),
      caveat:
        "throughput-over-capacity measures make any network look mostly idle (E012 note); this is the like-for-like basis with the 2001 lit-capacity figure",
    },
    // ---------------------------------------------------------------- valuation (one basis)
    {
      id: "pe-trailing-2000",
      era: "2000",
      label: "Bellwether trailing P/E: Cisco at its 2000 peak",
      unit: "x",
      formula:
        "P/E = market cap at the peak close (E274) / GAAP net income of the last reported fiscal year (FY1999, E201)",
      inputs: [inp("cap", "E274", "USD bn"), inp("ni", "E201", "USD bn")],
      compute: (v) => v.cap / v.ni,
      threshold: fixed(LINES.priceEarnings, "higher-is-bubblier"),
    },
    {
      id: "pe-forward-2000",
      era: "2000",
      label: "Bellwether forward P/E (realised): Cisco at its 2000 peak",
      unit: "x",
      formula:
        "P/E = market cap at the peak close (E274) / GAAP net income of the fiscal year in progress (FY2000, E202)",
      inputs: [inp("cap", "E274", "USD bn"), inp("ni", "E202", "USD bn")],
      compute: (v) => v.cap / v.ni,
      threshold: fixed(LINES.priceEarnings, "higher-is-bubblier"),
      caveat:
        "uses realised FY2000 earnings (perfect foresight); the contemporaneous analyst forward P/E was 120x (E024)",
    },
    {
      id: "pe-trailing-ai",
      era: "ai",
      label: "Bellwether trailing P/E: Nvidia at $5T",
      unit: "x",
      formula: "P/E = market cap (E280) / GAAP net income of the last reported fiscal year (FY2025 to Jan 2025, E260)",
      inputs: [inp("cap", "E280", "USD bn"), inp("ni", "E260", "USD bn")],
      compute: (v) => v.cap / v.ni,
      threshold: fixed(LINES.priceEarnings, "higher-is-bubblier"),
      caveat: "last full fiscal year, as for Cisco; on trailing-twelve-month earnings the multiple was ~50x (E031)",
    },
    {
      id: "ps-2000",
      era: "2000",
      label: "Bellwether price/sales: Cisco at its 2000 peak",
      unit: "x",
      formula: "P/S = market cap at the peak close (E274) / net sales of the last reported fiscal year (FY1999, E171)",
      inputs: [inp("cap", "E274", "USD bn"), inp("rev", "E171", "USD bn")],
      compute: (v) => v.cap / v.rev,
      threshold: fixed(LINES.priceSales, "higher-is-bubblier"),
    },
    {
      id: "ps-ai",
      era: "ai",
      label: "Bellwether price/sales: Nvidia at $5T",
      unit: "x",
      formula: "P/S = market cap (E280) / revenue of the last reported fiscal year (FY2025, E193)",
      inputs: [inp("cap", "E280", "USD bn"), inp("rev", "E193", "USD bn")],
      compute: (v) => v.cap / v.rev,
      threshold: fixed(LINES.priceSales, "higher-is-bubblier"),
    },
    // ---------------------------------------------------------------- ROIC
    {
      id: "roic-change-2000",
      era: "2000",
      label: "ROIC change of the biggest spenders since the capex ramp",
      unit: "percentage points",
      formula: "ΔROIC = ROIC(after ramp) - ROIC(before ramp), pp",
      inputs: [],
      compute: () => Number.NaN,
      threshold: none,
      unavailable: "the ledger has no ROIC or invested-capital figures for the 2000-era spenders (the carriers)",
    },
    {
      id: "roic-change-ai",
      era: "ai",
      label: "ROIC change of the biggest spenders since the capex ramp",
      unit: "percentage points",
      formula:
        "ΔROIC = mean over MSFT, AMZN, GOOGL of [ROIC FY2024 - ROIC multi-year average] with ROIC = NOPAT / invested capital as defined by one provider (MarketNewsData: E050-E046, E041-E039, E038-E036)",
      inputs: [
        inp("msftAfter", "E050", "percent"),
        inp("msftBefore", "E046", "percent"),
        inp("amznAfter", "E041", "percent"),
        inp("amznBefore", "E039", "percent"),
        inp("googAfter", "E038", "percent"),
        inp("googBefore", "E036", "percent"),
      ],
      compute: (v) => (v.msftAfter - v.msftBefore + (v.amznAfter - v.amznBefore) + (v.googAfter - v.googBefore)) / 3,
      threshold: () => {
        const a = ledger.byId.get("E038");
        const b = ledger.byId.get("E037");
        if (!a || !b) return null;
        const spread = Math.abs(a.value - b.value);
        return {
          direction: "lower-is-bubblier",
          bubbleAt: -spread,
          healthyAt: spread,
          source: ROIC_NOISE_SOURCE,
          evidence: ["E037", "E038"],
        };
      },
      details: (v) => [
        {
          label: "Microsoft ΔROIC",
          value: v.msftAfter - v.msftBefore,
          unit: "percentage points",
          evidence: ["E050", "E046"],
        },
        {
          label: "Amazon ΔROIC",
          value: v.amznAfter - v.amznBefore,
          unit: "percentage points",
          evidence: ["E041", "E039"],
        },
        {
          label: "Alphabet ΔROIC",
          value: v.googAfter - v.googBefore,
          unit: "percentage points",
          evidence: ["E038", "E036"],
        },
      ],
      caveat:
        "the 'before' values are multi-year averages that include FY2024 itself, which pulls the change toward zero; Meta has no same-provider pair",
    },
    // ---------------------------------------------------------------- funding
    {
      id: "funding-coverage-2000",
      era: "2000",
      label: "Funding coverage: (FCF + cash) / capex of the spenders",
      unit: "ratio",
      formula: "coverage = (free cash flow + cash) / next year's capex",
      inputs: [],
      compute: () => Number.NaN,
      threshold: none,
      unavailable:
        "the ledger has no cash-flow figures for the 2000-era spenders (carriers); Cisco (E052-E056) was the vendor, not the spender",
    },
    {
      id: "funding-coverage-ai",
      era: "ai",
      label: "Funding coverage: (FCF + cash) / capex of the four largest spenders",
      unit: "ratio",
      formula:
        "coverage = (combined FCF of Alphabet, Microsoft, Meta, Amazon (E071, else E070) + cash of Amazon and Alphabet (E082)) / combined capex guidance (E124, else E138)",
      inputs: [
        inp("fcf", ["E071", "E070"], "USD bn"),
        inp("cash", "E082", "USD bn"),
        inp("capex", ["E124", "E138"], "USD bn"),
      ],
      compute: (v) => (v.fcf + v.cash) / v.capex,
      threshold: fixed(LINES.fundingCoverage, "lower-is-bubblier"),
      caveat:
        "cash is a lower bound (only Amazon and Alphabet, E082); the talk's own figures ($300bn FCF E085, $500bn cash E086) would give a higher coverage",
    },
    {
      id: "debt-share-2000",
      era: "2000",
      label: "Debt-financed share of the build-out",
      unit: "percent",
      formula: "share = debt issued for the build-out / build-out capex, %",
      inputs: [],
      compute: () => Number.NaN,
      threshold: none,
      unavailable:
        "the ledger has only debts at bankruptcy for 2000-era carriers (E057, E058), no issuance flows to compare with capex",
    },
    {
      id: "debt-share-ai",
      era: "ai",
      label: "Debt-financed share of the data-centre build-out",
      unit: "percent",
      formula:
        "share = debt issued for data-centre projects (E084, else E083) / global data-centre capex (E140, else E139), %",
      inputs: [inp("debt", ["E084", "E083"], "USD bn"), inp("capex", ["E140", "E139"], "USD bn")],
      compute: (v) => (100 * v.debt) / v.capex,
      threshold: fixed(LINES.debtShare, "higher-is-bubblier"),
      caveat: "global capex (Omdia) against debt for data-centre projects of all builders, not only the hyperscalers",
    },
    // ---------------------------------------------------------------- usage growth
    {
      id: "usage-doubling-2000",
      era: "2000",
      label: "Usage growth: doubling time of internet traffic",
      unit: "months",
      formula: "T2 = 12 · ln 2 / ln(g) with g = annual traffic growth factor (Odlyzko, E175)",
      inputs: [inp("g", "E175", "x per year")],
      compute: (v) => doublingTime(1, v.g, 12),
      threshold: none,
      caveat:
        "no capacity-growth figure for 1997-2000 in the ledger to compare with; WorldCom claimed a 100-day doubling",
    },
    {
      id: "usage-doubling-ai",
      era: "ai",
      label: "Usage growth: doubling time of Google's monthly tokens vs of data-centre capex",
      unit: "months",
      formula: `T2 = Δt · ln 2 / ln(tokens₁ / tokens₀), Δt = ${tokenMonths} months (E181 → E184); compared with capex T2 over ${capexMonths} months (E139 → E140)`,
      inputs: [
        inp("t0", "E181", "trillion tokens/month"),
        inp("t1", "E184", "trillion tokens/month"),
        inp("c0", "E139", "USD bn"),
        inp("c1", "E140", "USD bn"),
      ],
      compute: (v) => doublingTime(v.t0, v.t1, tokenMonths),
      threshold: (): Threshold | null => {
        const c0 = ledger.byId.get("E139");
        const c1 = ledger.byId.get("E140");
        if (!c0 || !c1) return null;
        const capexDoubling = doublingTime(c0.value, c1.value, capexMonths);
        return {
          direction: "higher-is-bubblier",
          bubbleAt: capexDoubling,
          healthyAt: capexDoubling,
          source: `${USAGE_RULE_SOURCE}; line = doubling time of global data-centre capex`,
          evidence: ["E139", "E140"],
        };
      },
      caveat: "reasoning models use many more tokens per request (E184 note), so tokens overstate usage growth",
    },
    // ---------------------------------------------------------------- capex intensity
    {
      id: "capex-gdp-2000",
      era: "2000",
      label: "Capex intensity: private investment in information processing, % of GDP",
      unit: "percent of GDP",
      formula: "share = investment in information-processing equipment and software / GDP (BEA NIPA, E299)",
      inputs: [inp("s", "E299", "percent of GDP")],
      compute: (v) => v.s,
      threshold: none,
      caveat: "benchmark: the 2000 peak; the 1880s railroad boom reached ~6% of GDP (E304)",
    },
    {
      id: "capex-gdp-ai",
      era: "ai",
      label: "Capex intensity: private investment in information processing, % of GDP (same BEA basis)",
      unit: "percent of GDP",
      formula: "share = investment in information-processing equipment and software / GDP (BEA NIPA, E303)",
      inputs: [inp("s", "E303", "percent of GDP")],
      compute: (v) => v.s,
      threshold: (ctx) => {
        const b = ctx.point("capex-gdp-2000");
        if (!b) return null;
        return {
          direction: "higher-is-bubblier",
          bubbleAt: b.value,
          healthyAt: b.value * 0.75,
          source:
            "bubble line = the 2000 peak on the same BEA basis (E299); healthy line = three quarters of it (bubblescope convention)",
          evidence: [...b.evidence],
        };
      },
      caveat: "broad IT investment, not AI alone: AI-related investment is ~1.3% of GDP (E300, E301)",
    },
    {
      id: "capex-ocf-ai",
      era: "ai",
      label: "Capex intensity: capex / operating cash flow, four largest spenders FY2024",
      unit: "percent",
      formula:
        "ratio = Σ capex / Σ OCF over Alphabet (E122/E066), Amazon (E136/E080), Meta (E146/E093), Microsoft (FY to Jun 2024: E155/E100), %",
      inputs: [
        inp("cGoog", "E122", "USD bn"),
        inp("oGoog", "E066", "USD bn"),
        inp("cAmzn", "E136", "USD bn"),
        inp("oAmzn", "E080", "USD bn"),
        inp("cMeta", "E146", "USD bn"),
        inp("oMeta", "E093", "USD bn"),
        inp("cMsft", "E155", "USD bn"),
        inp("oMsft", "E100", "USD bn"),
      ],
      compute: (v) => (100 * (v.cGoog + v.cAmzn + v.cMeta + v.cMsft)) / (v.oGoog + v.oAmzn + v.oMeta + v.oMsft),
      threshold: fixed(LINES.capexToOcf, "higher-is-bubblier"),
      caveat: "capex excludes finance leases (E142-E146, E155 notes), which understates the build-out",
    },
    {
      id: "capex-revenue-ai",
      era: "ai",
      label: "Capex intensity: Oracle capex / revenue FY2025",
      unit: "percent",
      formula: "ratio = capex (E160) / revenue (E266), %",
      inputs: [inp("c", "E160", "USD bn"), inp("r", "E266", "USD bn")],
      compute: (v) => (100 * v.c) / v.r,
      threshold: none,
      caveat: "no sourced line for company capex/revenue, and no 2000-era carrier ratio in the ledger to benchmark it",
    },
    // ---------------------------------------------------------------- margin structure
    {
      id: "gross-profit-ratio-ai",
      era: "ai",
      label: "Margin structure: gross profit of the AI choice / the SaaS choice, at measured margins",
      unit: "ratio",
      formula:
        "ratio = (revenue_AI (E312) × measured AI gross margin (OpenAI FY2025, E263)) / (revenue_SaaS (E310) × median SaaS gross margin (E271))",
      inputs: [
        inp("rAi", "E312", "USD"),
        inp("mAi", ["E263", "E235"], "percent"),
        inp("rSaas", "E310", "USD"),
        inp("mSaas", "E271", "percent"),
      ],
      compute: (v) => grossProfit(v.rAi, v.mAi) / grossProfit(v.rSaas, v.mSaas),
      threshold: fixed(LINES.grossProfitRatio, "lower-is-bubblier"),
      details: (v) => [
        {
          label: "gross profit, SaaS choice at the median margin",
          value: grossProfit(v.rSaas, v.mSaas),
          unit: "USD",
          evidence: ["E310", "E271"],
        },
        {
          label: "gross profit, AI choice at OpenAI's margin",
          value: grossProfit(v.rAi, v.mAi),
          unit: "USD",
          evidence: ["E312", "E263"],
        },
      ],
      caveat:
        "the talk's $10 and $50 are illustrative (E310, E312); the comparison holds only if the AI product really sells for 5x",
    },
    {
      id: "gross-profit-ratio-talk",
      era: "ai",
      label: "Margin structure: the talk's own example ($50 at 60% vs $10 at 90%)",
      unit: "ratio",
      formula: "ratio = (E312 × E313) / (E310 × E311)",
      inputs: [
        inp("rAi", "E312", "USD"),
        inp("mAi", "E313", "percent"),
        inp("rSaas", "E310", "USD"),
        inp("mSaas", "E311", "percent"),
      ],
      compute: (v) => grossProfit(v.rAi, v.mAi) / grossProfit(v.rSaas, v.mSaas),
      threshold: fixed(LINES.grossProfitRatio, "lower-is-bubblier"),
      details: (v) => [
        {
          label: "gross profit, $10 at 90%",
          value: grossProfit(v.rSaas, v.mSaas),
          unit: "USD",
          evidence: ["E310", "E311"],
        },
        {
          label: "gross profit, $50 at 60%",
          value: grossProfit(v.rAi, v.mAi),
          unit: "USD",
          evidence: ["E312", "E313"],
        },
      ],
    },
    {
      id: "gross-margin-2000",
      era: "2000",
      label: "Margin structure of the 2000 bellwethers",
      unit: "percent",
      formula: "gross margin = gross profit / revenue",
      inputs: [],
      compute: () => Number.NaN,
      threshold: none,
      unavailable: "the ledger has no gross-margin figures for 2000-era bellwethers",
    },
    // ---------------------------------------------------------------- revenue growth (used by the gauges)
    {
      id: "revenue-doubling-2000",
      era: "2000",
      label: "Revenue growth: Cisco net sales doubling time FY1999 → FY2000",
      unit: "months",
      formula: `T2 = Δt · ln 2 / ln(sales₁ / sales₀), Δt = ${cscoMonths} months (E171 → E172)`,
      inputs: [inp("r0", "E171", "USD bn"), inp("r1", "E172", "USD bn")],
      compute: (v) => doublingTime(v.r0, v.r1, cscoMonths),
      threshold: fixed(LINES.revenueDoubling, "higher-is-bubblier"),
    },
    {
      id: "revenue-doubling-ai",
      era: "ai",
      label: "Revenue growth: Nvidia data-centre revenue doubling time FY2025 → FY2026",
      unit: "months",
      formula: `T2 = Δt · ln 2 / ln(rev₁ / rev₀), Δt = ${dcMonths} months (E194 → E195)`,
      inputs: [inp("r0", "E194", "USD bn"), inp("r1", "E195", "USD bn")],
      compute: (v) => doublingTime(v.r0, v.r1, dcMonths),
      threshold: fixed(LINES.revenueDoubling, "higher-is-bubblier"),
      caveat: "vendor revenue, i.e. the spenders' capex, not end-user AI revenue",
    },
  ];
}
