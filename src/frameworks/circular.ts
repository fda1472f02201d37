/**
 * Circular financing as an indicator: the vendor's money that comes back to it as purchases, per year, over its
 * revenue,
 *   share = 100 · Σ_d amount_d / years_d / annual revenue,
 * over the vendor's outgoing deals d that lie on a cycle back to it (Johnson's algorithm on the deal graph,
 * `evidence/deal-graph.ts`). Multi-year commitments are annualised by their schedule (`DEAL_SCHEDULES`, each with its
 * source); a deal with no schedule in its source is counted in full in one year, and "up to" amounts are ceilings,
 * so the AI value is an upper bound and is judged as an interval. For the 2000 era, vendor financing is a round trip
 * by definition (the loan buys the lender's gear): commitments made in 2H-2000 over revenue of the fiscal year in
 * which they were made (FY2001 for both Lucent and Cisco). Complexity O(cycles · length) to collect the edges.
 */
import { cycleFlows, type DealGraph } from "../evidence/deal-graph.ts";
import type { Era } from "../evidence/schema.ts";
import type { IndicatorSpec } from "./engine.ts";
import { fixed, inp } from "./indicators.ts";
import { LINES } from "./thresholds.ts";

/** How a multi-year commitment is spread over years, with where the schedule comes from. */
export interface DealSchedule {
  readonly years: number;
  readonly source: string;
}

/** Schedules of the AI-era deals on Nvidia's and AMD's cycles (deal notes in data/deals.csv). */
export const DEAL_SCHEDULES: Readonly<Record<string, DealSchedule>> = Object.freeze({
  D016: Object.freeze({ years: 4, source: "'$1.3bn over 4 years to Aug 2027' (D016 note)" }),
  D025: Object.freeze({
    years: 3.5,
    source:
      "'disbursed progressively as each GW comes online; first GW … in 2H 2026' (D025 note); end date not in the source: 2H-2026 to end-2029, the schedule OpenAI gave for its other 10 GW programme (D034) — a stated assumption",
  }),
});
export interface RoundTripSpecInput {
  readonly id: string;
  readonly era: Era;
  readonly vendor: string;
  /** Ledger ids of the vendor's annual revenue, preferred first. */
  readonly revenueIds: readonly string[];
  readonly revenueLabel: string;
}

/**
 * Spec for the round-trip share of `vendor` built from the cycles of the graph; deals without a dollar amount are
 * named in the caveat. Benchmarked against the 2000 vendor-financing shares (Lucent = bubble line, Cisco = healthy).
 *
 * @example
 * evaluateIndicator(roundTripSpec(graph, { id: "roundtrip-nvidia-ai", era: "ai", vendor: "Nvidia", revenueIds: ["E193"], revenueLabel: "FY2025 revenue" }), env, ctx);
 */
export function roundTripSpec(graph: DealGraph, s: RoundTripSpecInput): IndicatorSpec {
  const flows = cycleFlows(graph, s.vendor);
  const withAmount = flows.outEdges.filter((e) => e.amountUsdBn !== null && !e.implied);
  const without = flows.outEdges.filter((e) => e.amountUsdBn === null && !e.implied);
  const dealIds = [...new Set(withAmount.map((e) => e.deal))];
  const years = (id: string) => DEAL_SCHEDULES[id]?.years ?? 1;
  const schedule = dealIds
    .map((id) => (DEAL_SCHEDULES[id] ? `${id} over ${years(id)} years` : `${id} in full`))
    .join(", ");
  const base = {
    id: s.id,
    era: s.era,
    label: `Circular financing: ${s.vendor}'s round-trip deals per year / its revenue`,
    unit: "percent",
    formula: `share = 100 · Σ amount / years of schedule over ${s.vendor} → partner deals on a cycle back to ${s.vendor} (Johnson's algorithm on the deal graph; ${schedule || "none"}) / ${s.revenueLabel} (${s.revenueIds.join(" else ")})`,
    basis:
      "annual flows against one year's revenue: multi-year commitments annualised by their schedule (DEAL_SCHEDULES), deals without one counted in full in one year; 'up to' amounts are ceilings, so the value is an upper bound",
    fact: "circular-financing",
    bound: "upper-bound" as const,
    threshold: fixed(LINES.vendorFinancing, "higher-is-bubblier"),
  };
  if (dealIds.length === 0) {
    return {
      ...base,
      inputs: [],
      compute: () => Number.NaN,
      threshold: () => null,
      unavailable: `no deal with a dollar amount lies on a cycle through ${s.vendor}${without.length ? ` (amount missing on ${without.map((e) => e.deal).join(", ")})` : ""}`,
    };
  }
  return {
    ...base,
    inputs: [...dealIds.map((id) => inp(id, id, "USD bn")), inp("revenue", s.revenueIds, "USD bn")],
    compute: (v) => (100 * dealIds.reduce((a, id) => a + v[id] / years(id), 0)) / v.revenue,
    details: (v) =>
      dealIds.map((id) => ({
        label: `${id} per year (${DEAL_SCHEDULES[id] ? `${years(id)}-year schedule: ${DEAL_SCHEDULES[id].source}` : "no schedule in the source: in full"}) / revenue`,
        value: (100 * v[id]) / years(id) / v.revenue,
        unit: "percent",
        evidence: [id, ...s.revenueIds.slice(0, 1)],
      })),
    caveat:
      `an upper bound: 'up to' amounts are ceilings, deals without a schedule count in full in one year, and one-off equity stakes from earlier years are included; revenue is the last fiscal year reported before the flows start` +
      (without.length ? `; deals on a cycle with no dollar amount: ${without.map((e) => e.deal).join(", ")}` : ""),
  };
}

/**
 * The two 2000-era vendor-financing shares, both on the fiscal year in which the 2H-2000 commitments were made
 * (FY2001: Lucent to Sep 2001, Cisco to Jul 2001).
 *
 * @example
 * vendorFinancingSpecs().map((s) => s.id); // ["roundtrip-lucent-2000", "roundtrip-cisco-2000"]
 */
/**
 * Ledger id of Cisco's net sales for its 2H-2000 commitments. The fiscal year of the flow is FY2001 (Aug 2000 - Jul
 * 2001); the ledger has no FY2001 net sales yet, so FY2000 (to Jul 2000) stands in and the basis says so.
 */
export const CISCO_FY2001_SALES = "E172";

export function vendorFinancingSpecs(): IndicatorSpec[] {
  return [
    {
      id: "roundtrip-lucent-2000",
      era: "2000",
      label: "Circular financing: Lucent's vendor-financing commitments / its revenue",
      unit: "percent",
      formula:
        "share = 100 · vendor-financing commitments 2H-2000 (D005) / revenue FY2001 to Sep 2001 (E177); vendor financing is a round trip by definition",
      basis: "commitments made in 2H-2000 against revenue of the fiscal year in which they were made (FY2001)",
      fact: "circular-financing",
      inputs: [inp("vf", "D005", "USD bn"), inp("revenue", "E177", "USD bn")],
      compute: (v) => (100 * v.vf) / v.revenue,
      threshold: fixed(LINES.vendorFinancing, "higher-is-bubblier"),
      caveat: "Lucent was 'burned far more' than Cisco (Light Reading 2002, D005)",
    },
    {
      id: "roundtrip-cisco-2000",
      era: "2000",
      label: "Circular financing: Cisco's vendor-financing commitments / its revenue",
      unit: "percent",
      formula: `share = 100 · carrier-loan commitments 2H-2000 (D006) / net sales FY2000 to Jul 2000 (${CISCO_FY2001_SALES})`,
      basis:
        "commitments made in 2H-2000 against FY2000 net sales (to Jul 2000): the fiscal year of the flow is FY2001, whose net sales are not in the ledger — a one-year mismatch, stated",
      fact: "circular-financing",
      inputs: [inp("vf", "D006", "USD bn"), inp("revenue", CISCO_FY2001_SALES, "USD bn")],
      compute: (v) => (100 * v.vf) / v.revenue,
      threshold: fixed(LINES.vendorFinancing, "higher-is-bubblier"),
      caveat: "by Sep 2002 ~$1bn of it was still available against >$21bn cash (D006)",
    },
  ];
}
