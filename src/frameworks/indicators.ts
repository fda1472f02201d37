/**
 * The indicator specifications for both eras: utilisation, bellwether valuation (one indicator: GAAP TTM P/E at the
 * same relative date, with forward and price/sales as details), ROIC before/after the capex ramp, funding coverage
 * ((OCF + cash) / capex over one fiscal year) and debt share (debt raised / capex over the same span), usage growth,
 * capex intensity, margin structure. Circular financing and market structure are built from the deal graph and the
 * ledger (`circular.ts`, `market-structure.ts`).
 *
 * Like-for-like rules (README "Indicators: like for like"): each spec states its `basis`; flows are set against
 * flows over the same span; no input is counted twice; a value that is a bound says so (`bound`) and is judged as an
 * interval; several measures of one fact are one indicator with `details`; no verdict line equals one era's own
 * value. Complexity O(1) per indicator.
 */
import { monthsBetween } from "../evidence/period.ts";
import type { Ledger } from "../evidence/query.ts";
import type { Threshold } from "./classify.ts";
import type { IndicatorSpec, InputSpec } from "./engine.ts";
import { doublingTime } from "./growth.ts";
import { grossProfit } from "./margins.ts";
import { LINES, type Line, ROIC_NOISE_SOURCE, USAGE_RULE_SOURCE } from "./thresholds.ts";

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

const none = (): null => null;

/** Months between the starts of two figures' periods (the interval of a growth computation). */
function monthsApart(ledger: Ledger, a: string, b: string): number {
  const fa = ledger.byId.get(a);
  const fb = ledger.byId.get(b);
  if (!fa || !fb) return Number.NaN;
  return Math.round(monthsBetween(fa.period.end, fb.period.end));
}

/** Where a valuation is taken: the price input, the GAAP TTM EPS ids (preferred first) and the optional measures. */
export interface ValuationInputs {
  readonly price: string;
  readonly ttmEps: readonly string[];
  readonly forwardPe?: readonly string[];
  readonly ttmRevenuePerShare?: readonly string[];
  readonly realisedEps?: readonly string[];
}

/**
 * The bellwether valuation at the same relative date in both eras: Cisco at its 2000 peak close, Nvidia at the talk
 * date; GAAP diluted EPS over the trailing twelve months through the last quarter reported before the date.
 */
export const VALUATION_INPUTS: Readonly<Record<"2000" | "ai", ValuationInputs>> = Object.freeze({
  "2000": Object.freeze({
    price: "prices:CSCO@2000-03-27",
    ttmEps: Object.freeze(["E478"]),
    forwardPe: Object.freeze(["E024"]),
    realisedEps: Object.freeze(["E026"]),
  }),
  ai: Object.freeze({
    price: "prices:NVDA@2025-10-31",
    ttmEps: Object.freeze(["E438"]),
  }),
});

function valuationSpec(era: "2000" | "ai", v: ValuationInputs): IndicatorSpec {
  const who = era === "2000" ? "Cisco at its 2000 peak close (2000-03-27)" : "Nvidia at the talk date (2025-10-31)";
  const opt = (key: string, ids: readonly string[] | undefined, unit: string): InputSpec[] =>
    ids && ids.length > 0 ? [{ ...inp(key, ids, unit), optional: true }] : [];
  return {
    id: `pe-trailing-${era}`,
    era,
    label: `Bellwether valuation: ${who}, GAAP trailing P/E`,
    unit: "x",
    formula: `P/E = close (${v.price}) / GAAP diluted EPS over the trailing twelve months (${v.ttmEps.join(", else ")}); details: forward P/E on the consensus then (${(v.forwardPe ?? []).join(", ") || "none"}), price / TTM revenue per share (${(v.ttmRevenuePerShare ?? []).join(", ") || "none"})`,
    basis:
      "GAAP diluted EPS, trailing twelve months through the last quarter reported before the date; the close on the date (not an intraday high); the same relative date in both eras (the 2000 peak close, the talk date); forward = analysts' consensus at the time, never realised earnings",
    fact: "bellwether-valuation",
    inputs: [
      inp("price", v.price, "USD/share"),
      inp("eps", v.ttmEps, "USD/share"),
      ...opt("fwdPe", v.forwardPe, "x"),
      ...opt("revPs", v.ttmRevenuePerShare, "USD/share"),
      ...opt("realEps", v.realisedEps, "USD/share"),
    ],
    compute: (x) => x.price / x.eps,
    threshold: fixed(LINES.priceEarnings, "higher-is-bubblier"),
    details: (x, ids) => [
      { label: "forward P/E on the consensus then", value: x.fwdPe, unit: "x", evidence: [ids.fwdPe ?? ""] },
      {
        label: "price / TTM revenue per share",
        value: x.price / x.revPs,
        unit: "x",
        evidence: [ids.price ?? "", ids.revPs ?? ""],
      },
      {
        label: "P/E on realised next-fiscal-year EPS (hindsight, not a forward multiple)",
        value: x.price / x.realEps,
        unit: "x",
        evidence: [ids.price ?? "", ids.realEps ?? ""],
      },
    ],
    caveat:
      "one fact (the bellwether's valuation) measured several ways: only the GAAP TTM P/E is judged and tallied; the others are details",
  };
}

/**
 * All ledger-based indicator specs, 2000 era first.
 *
 * @example
 * indicatorSpecs(ledger).map((s) => s.id);
 */
export function indicatorSpecs(ledger: Ledger): IndicatorSpec[] {
  const tokenMonths = monthsApart(ledger, "E181", "E184");
  const dcMonths = monthsApart(ledger, "E194", "E195");
  const cscoMonths = monthsApart(ledger, "E171", "E172");
  return [
    // ---------------------------------------------------------------- utilisation
    {
      id: "utilisation-2000",
      era: "2000",
      label: "Utilisation: share of lit fibre capacity in use",
      unit: "percent",
      formula: "u = traffic carried / lit capacity, % (Merrill Lynch estimate via WSJ, E002)",
      basis:
        "output over installed capacity (traffic / lit capacity), US carrier networks, summer 2001 (after the peak)",
      fact: "utilisation",
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
      formula:
        "u = hours in useful work / hours available, % (LBNL estimate via Uptime Institute, E011); detail: achieved / peak FLOP/s while running (E012), not judged",
      basis: "installed capacity in use (busy hours / available hours), AI training fleets, May 2025 (before the talk)",
      fact: "utilisation",
      inputs: [inp("u", "E011", "percent"), { ...inp("mfu", "E012", "percent"), optional: true }],
      compute: (v) => v.u,
      threshold: fixed(LINES.utilisation, "lower-is-bubblier"),
      details: (v) => [
        {
          label:
            "achieved share of peak compute while running (MFU-like; compute efficiency, not judged by capacity lines)",
          value: v.mfu,
          unit: "percent",
          evidence: ["E012"],
        },
      ],
      caveat:
        "frontier training fleets; non-optimised enterprise clusters average 5% (E014), and H100 rental prices fell ~80% to Oct 2025 (E018). Compute efficiency while running (E012, ~40%) is a different quantity from capacity in use and is not judged by capacity-utilisation lines (a category error)",
    },
    // ---------------------------------------------------------------- valuation (one fact, one indicator per era)
    valuationSpec("2000", VALUATION_INPUTS["2000"]),
    valuationSpec("ai", VALUATION_INPUTS.ai),
    // ---------------------------------------------------------------- ROIC
    {
      id: "roic-change-2000",
      era: "2000",
      label: "ROIC change of the biggest spenders since the capex ramp",
      unit: "percentage points",
      formula:
        "ΔROIC = ROIC FY2000 (E453) - mean ROIC FY1997-FY1999 (E450, E451, E452), SBC Communications, pp; ROIC = operating income × (1 - tax rate) / (debt + book equity), computed from its 10-K selected data",
      basis:
        "one definition for all years (NOPAT / year-end debt + equity, from the same 10-K tables); the year of the peak against the average of the years before the capex ramp (SBC capex FY1999 → FY2000: E457 → E458)",
      fact: "roic-change",
      inputs: [
        inp("after", "E453", "percent"),
        inp("b97", "E450", "percent"),
        inp("b98", "E451", "percent"),
        inp("b99", "E452", "percent"),
        { ...inp("after01", "E454", "percent"), optional: true },
      ],
      compute: (v) => v.after - (v.b97 + v.b98 + v.b99) / 3,
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
          label: "SBC ΔROIC FY2001 vs FY1997-1999 average",
          value: v.after01 - (v.b97 + v.b98 + v.b99) / 3,
          unit: "percentage points",
          evidence: ["E454", "E450", "E451", "E452"],
        },
      ],
      caveat:
        "one carrier (SBC, an incumbent that stayed solvent): the failed entrants (WorldCom, Global Crossing) restated or wrote off their capital, so the sector's ROIC fell further (WorldCom's restated FY2000 loss E461)",
    },
    {
      id: "roic-change-ai",
      era: "ai",
      label: "ROIC change of the biggest spenders since the capex ramp",
      unit: "percentage points",
      formula:
        "ΔROIC = mean over MSFT, AMZN, GOOGL of [ROIC FY2024 - ROIC multi-year average] with ROIC = NOPAT / invested capital as defined by one provider (MarketNewsData: E050-E046, E041-E039, E038-E036)",
      basis:
        "ROIC = NOPAT / invested capital, one provider's definition (MarketNewsData), FY2024 vs the multi-year average",
      fact: "roic-change",
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
      label: "Funding coverage: (operating cash flow + cash) / capex of the spenders",
      unit: "ratio",
      formula:
        "coverage ≥ OCF / capex = (free cash flow FY2000 (E460) + capex FY2000 (E458)) / capex FY2000 (E458), SBC Communications; cash is not in the ledger, so the value is a lower bound",
      basis:
        "one fiscal year's flows (FY2000) of one carrier; OCF recovered as FCF + capex (SBC defines FCF as OCF less capex); FCF itself is not set against capex (that would count capex twice)",
      fact: "funding-coverage",
      bound: "lower-bound",
      inputs: [inp("fcf", "E460", "USD bn"), inp("capex", "E458", "USD bn")],
      compute: (v) => (v.fcf + v.capex) / v.capex,
      threshold: fixed(LINES.fundingCoverage, "lower-is-bubblier"),
      caveat:
        "one incumbent carrier that stayed solvent; the entrants that failed (WorldCom: debt E463 against cash E464) are not on this basis in the ledger; the FCF definition's footnote was not seen by the source row (E460)",
    },
    {
      id: "funding-coverage-ai",
      era: "ai",
      label: "Funding coverage: (operating cash flow + cash) / capex of the four largest spenders",
      unit: "ratio",
      formula:
        "coverage = (Σ OCF FY2024 of Alphabet E066, Amazon E080, Meta E093, Microsoft E100 + cash at the start of FY2024 (E082: Amazon and Alphabet only)) / Σ capex FY2024 (E122, E136, E146, E155); detail: Σ capex / Σ OCF",
      basis:
        "one fiscal year's flows (FY2024; Microsoft's to June 2024) and the cash held at its start; FCF is not used, since it is already after capex (FCF + cash over capex would count capex twice)",
      fact: "funding-coverage",
      bound: "lower-bound",
      inputs: [
        inp("oGoog", "E066", "USD bn"),
        inp("oAmzn", "E080", "USD bn"),
        inp("oMeta", "E093", "USD bn"),
        inp("oMsft", "E100", "USD bn"),
        inp("cash", "E082", "USD bn"),
        inp("cGoog", "E122", "USD bn"),
        inp("cAmzn", "E136", "USD bn"),
        inp("cMeta", "E146", "USD bn"),
        inp("cMsft", "E155", "USD bn"),
        { ...inp("cashMsft", "E420", "USD bn"), optional: true },
        { ...inp("cashGoog", "E421", "USD bn"), optional: true },
        { ...inp("cashAmzn", "E422", "USD bn"), optional: true },
        { ...inp("cashMeta", "E423", "USD bn"), optional: true },
      ],
      compute: (v) => (v.oGoog + v.oAmzn + v.oMeta + v.oMsft + v.cash) / (v.cGoog + v.cAmzn + v.cMeta + v.cMsft),
      threshold: fixed(LINES.fundingCoverage, "lower-is-bubblier"),
      details: (v) => [
        {
          label: "capex / operating cash flow (%)",
          value: (100 * (v.cGoog + v.cAmzn + v.cMeta + v.cMsft)) / (v.oGoog + v.oAmzn + v.oMeta + v.oMsft),
          unit: "percent",
          evidence: ["E122", "E136", "E146", "E155", "E066", "E080", "E093", "E100"],
        },
        {
          label:
            "cash of all four at the talk date (2025-09-30), not used in the ratio (a later date than the FY2024 flows)",
          value: v.cashMsft + v.cashGoog + v.cashAmzn + v.cashMeta,
          unit: "USD bn",
          evidence: ["E420", "E421", "E422", "E423"],
        },
      ],
      caveat:
        "a lower bound: cash counts only Amazon and Alphabet (E082); capex excludes finance leases (E142-E146, E155 notes), which understates the build-out",
    },
    {
      id: "debt-share-2000",
      era: "2000",
      label: "Debt-financed share of the build-out",
      unit: "percent",
      formula:
        "share = debt piled up during the build-out 1996-2001 (E401) / capex 1996-2001 (E400), same 116 US telecom companies, %",
      basis:
        "the same companies and the same span (1996-2001) for debt and capex (LA Times analysis of their financial statements)",
      fact: "debt-share",
      inputs: [inp("debt", "E401", "USD bn"), inp("capex", "E400", "USD bn")],
      compute: (v) => (100 * v.debt) / v.capex,
      threshold: fixed(LINES.debtShare, "higher-is-bubblier"),
      caveat: "debt 'that piled up' is a stock change, some of it for acquisitions and licences rather than capex",
    },
    {
      id: "debt-share-ai",
      era: "ai",
      label: "Debt-financed share of the data-centre build-out",
      unit: "percent",
      formula:
        "share = debt issued for data-centre projects in 2025 (E084) / global data-centre capex in 2025 (E140), %",
      basis: "one calendar year (2025) for both debt issued and capex",
      fact: "debt-share",
      inputs: [inp("debt", "E084", "USD bn"), inp("capex", "E140", "USD bn")],
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
      basis: "traffic volume (bytes carried), 1997-2002",
      fact: "usage-growth",
      inputs: [inp("g", "E175", "x per year")],
      compute: (v) => doublingTime(1, v.g, 12),
      threshold: none,
      caveat: `no verdict: no sourced line for a usage doubling time; WorldCom claimed a 100-day doubling (${USAGE_RULE_SOURCE})`,
    },
    {
      id: "usage-doubling-ai",
      era: "ai",
      label: "Usage growth: doubling time of Google's monthly tokens",
      unit: "months",
      formula: `T2 = Δt · ln 2 / ln(tokens₁ / tokens₀), Δt = ${tokenMonths} months (E181 → E184)`,
      basis: "tokens processed per month (a volume of work, like bytes carried in 2000), May 2024 → Oct 2025",
      fact: "usage-growth",
      inputs: [inp("t0", "E181", "trillion tokens/month"), inp("t1", "E184", "trillion tokens/month")],
      compute: (v) => doublingTime(v.t0, v.t1, tokenMonths),
      threshold: none,
      caveat:
        "no verdict: the former line (the doubling time of capex dollars) set a count of tokens against dollars, a category error; reasoning models use many more tokens per request (E184 note), so tokens overstate usage growth",
    },
    // ---------------------------------------------------------------- capex intensity
    {
      id: "capex-gdp-2000",
      era: "2000",
      label: "Capex intensity: private investment in information processing, % of GDP",
      unit: "percent of GDP",
      formula: "share = investment in information-processing equipment and software / GDP (BEA NIPA, E299)",
      basis: "BEA NIPA, information-processing equipment and software, US, 2000 peak",
      fact: "capex-gdp",
      inputs: [inp("s", "E299", "percent of GDP")],
      compute: (v) => v.s,
      threshold: none,
      caveat: "the 1880s railroad boom reached ~6% of GDP (E304)",
    },
    {
      id: "capex-gdp-ai",
      era: "ai",
      label: "Capex intensity: private investment in information processing, % of GDP (same BEA basis)",
      unit: "percent of GDP",
      formula: "share = investment in information-processing equipment and software / GDP (BEA NIPA, E303)",
      basis: "BEA NIPA, information-processing equipment and software, US, 2025-Q2 (same series as 2000)",
      fact: "capex-gdp",
      inputs: [inp("s", "E303", "percent of GDP")],
      compute: (v) => v.s,
      threshold: none,
      caveat:
        "no verdict: the former bubble line was the 2000 value itself (a comparison cannot be its own threshold) and no sourced line exists on this broad basis; broad IT investment, not AI alone: AI-related investment is ~1.3% of GDP (E300, E301)",
    },
    {
      id: "capex-revenue-ai",
      era: "ai",
      label: "Capex intensity: Oracle capex / revenue FY2025",
      unit: "percent",
      formula: "ratio = capex (E160) / revenue (E266), %",
      basis: "one fiscal year (FY2025 to May 2025) for both",
      fact: "capex-revenue",
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
        "ratio = (revenue_AI (E312) × measured AI gross margin (OpenAI FY2025, E263)) / (revenue_SaaS (E310) × median SaaS gross margin (E271)); detail: the talk's own example (E312 × E313) / (E310 × E311)",
      basis: "gross margins of one fiscal year (FY2025) at the talk's illustrative prices ($10 vs $50)",
      fact: "ai-vs-saas-gross-profit",
      inputs: [
        inp("rAi", "E312", "USD"),
        inp("mAi", ["E263", "E235"], "percent"),
        inp("rSaas", "E310", "USD"),
        inp("mSaas", "E271", "percent"),
        { ...inp("mAiTalk", "E313", "percent"), optional: true },
        { ...inp("mSaasTalk", "E311", "percent"), optional: true },
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
        {
          label: "the talk's own example: $50 at 60% / $10 at 90%",
          value:
            Number.isFinite(v.mAiTalk) && Number.isFinite(v.mSaasTalk)
              ? grossProfit(v.rAi, v.mAiTalk) / grossProfit(v.rSaas, v.mSaasTalk)
              : Number.NaN,
          unit: "ratio",
          evidence: ["E312", "E313", "E310", "E311"],
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
      basis:
        "the talk's illustrative prices and margins; a second measure of the same fact (one vote with gross-profit-ratio-ai)",
      fact: "ai-vs-saas-gross-profit",
      inputs: [
        inp("rAi", "E312", "USD"),
        inp("mAi", "E313", "percent"),
        inp("rSaas", "E310", "USD"),
        inp("mSaas", "E311", "percent"),
      ],
      compute: (v) => grossProfit(v.rAi, v.mAi) / grossProfit(v.rSaas, v.mSaas),
      threshold: fixed(LINES.grossProfitRatio, "lower-is-bubblier"),
    },
    {
      id: "gross-margin-2000",
      era: "2000",
      label: "Gross margin of the bellwether equipment vendor",
      unit: "percent",
      formula:
        "gross margin = gross profit / revenue, Cisco, fiscal year containing the peak (E469); details: Cisco FY2001 (E470), Nortel Q1-2000 (E467), Lucent FY2001 (E472)",
      basis: "GAAP gross margin, the fiscal year containing the peak (Cisco FY2000 to July 2000)",
      fact: "vendor-gross-margin",
      inputs: [
        inp("m", "E469", "percent"),
        { ...inp("m01", "E470", "percent"), optional: true },
        { ...inp("nortel", "E467", "percent"), optional: true },
        { ...inp("lucent", "E472", "percent"), optional: true },
      ],
      compute: (v) => v.m,
      details: (v) => [
        { label: "Cisco FY2001 (after the peak)", value: v.m01, unit: "percent", evidence: ["E470"] },
        { label: "Nortel Q1-2000 (quarter)", value: v.nortel, unit: "percent", evidence: ["E467"] },
        { label: "Lucent FY2001", value: v.lucent, unit: "percent", evidence: ["E472"] },
      ],
      threshold: none,
      caveat: "no verdict line: a high vendor margin is the demand, not the bubble; shown beside the AI vendor's",
    },
    {
      id: "gross-margin-ai",
      era: "ai",
      label: "Gross margin of the bellwether equipment vendor",
      unit: "percent",
      formula:
        "gross margin = gross profit / revenue, Nvidia, last full fiscal year before the talk (E261); detail: last quarter before the talk (E439)",
      basis: "GAAP gross margin, last full fiscal year before the talk (Nvidia FY2025 to January 2025)",
      fact: "vendor-gross-margin",
      inputs: [inp("m", "E261", "percent"), { ...inp("q", "E439", "percent"), optional: true }],
      compute: (v) => v.m,
      details: (v) => [
        { label: "Nvidia FQ2-2026 (quarter to Jul 2025)", value: v.q, unit: "percent", evidence: ["E439"] },
      ],
      threshold: none,
      caveat: "no verdict line: a high vendor margin is the demand, not the bubble",
    },
    // ---------------------------------------------------------------- revenue growth (used by the gauges)
    {
      id: "revenue-doubling-2000",
      era: "2000",
      label: "Revenue growth: Cisco net sales doubling time FY1999 → FY2000",
      unit: "months",
      formula: `T2 = Δt · ln 2 / ln(sales₁ / sales₀), Δt = ${cscoMonths} months (E171 → E172)`,
      basis: "GAAP revenue, the two fiscal years ending at or after the peak",
      fact: "vendor-revenue-growth",
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
      basis: "GAAP segment revenue, the two fiscal years ending around the talk date",
      fact: "vendor-revenue-growth",
      inputs: [inp("r0", "E194", "USD bn"), inp("r1", "E195", "USD bn")],
      compute: (v) => doublingTime(v.r0, v.r1, dcMonths),
      threshold: fixed(LINES.revenueDoubling, "higher-is-bubblier"),
      caveat: "vendor revenue, i.e. the spenders' capex, not end-user AI revenue",
    },
  ];
}
