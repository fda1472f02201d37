/**
 * Circular financing as an indicator: the round-trip share of a vendor's revenue,
 *   share = 100 · Σ amounts of the vendor's outgoing deals that lie on a cycle back to it / vendor annual revenue,
 * with cycles found by Johnson's algorithm on the deal graph (`evidence/deal-graph.ts`). For the 2000 era, vendor
 * financing is a round trip by definition (the loan buys the lender's gear), so the share is the vendor-financing
 * commitment over revenue. Complexity O(cycles · length) to collect the edges.
 */
import { cycleFlows, type DealGraph } from "../evidence/deal-graph.ts";
import type { Era } from "../evidence/schema.ts";
import type { IndicatorSpec } from "./engine.ts";
import { benchmark, inp } from "./indicators.ts";

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
  const base = {
    id: s.id,
    era: s.era,
    label: `Circular financing: ${s.vendor}'s round-trip deals / its revenue`,
    unit: "percent",
    formula: `share = 100 · Σ ${s.vendor} → partner deals on a cycle back to ${s.vendor} (Johnson's algorithm on the deal graph; ${dealIds.join(", ") || "none"}) / ${s.revenueLabel} (${s.revenueIds.join(" else ")})`,
    threshold: benchmark("roundtrip-lucent-2000", "roundtrip-cisco-2000", "higher-is-bubblier"),
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
    compute: (v) => (100 * dealIds.reduce((a, id) => a + v[id], 0)) / v.revenue,
    details: (v) =>
      dealIds.map((id) => ({
        label: `${id} share of revenue`,
        value: (100 * v[id]) / v.revenue,
        unit: "percent",
        evidence: [id, ...s.revenueIds.slice(0, 1)],
      })),
    caveat:
      `deal amounts are mostly multi-year and 'up to' commitments set against one year's revenue, so this is an upper bound` +
      (without.length ? `; deals on a cycle with no dollar amount: ${without.map((e) => e.deal).join(", ")}` : ""),
  };
}

/**
 * The two 2000-era vendor-financing benchmarks: Lucent (2H-2000 commitments / FY2001 revenue) and Cisco (carrier
 * loan commitments / FY2000 net sales).
 *
 * @example
 * vendorFinancingSpecs().map((s) => s.id); // ["roundtrip-lucent-2000", "roundtrip-cisco-2000"]
 */
export function vendorFinancingSpecs(): IndicatorSpec[] {
  return [
    {
      id: "roundtrip-lucent-2000",
      era: "2000",
      label: "Circular financing: Lucent's vendor-financing commitments / its revenue",
      unit: "percent",
      formula:
        "share = 100 · vendor-financing commitments 2H-2000 (D005) / revenue FY2001 to Sep (E177); vendor financing is a round trip by definition",
      inputs: [inp("vf", "D005", "USD bn"), inp("revenue", "E177", "USD bn")],
      compute: (v) => (100 * v.vf) / v.revenue,
      threshold: () => null,
      caveat: "benchmark for the AI era; Lucent was 'burned far more' than Cisco (Light Reading 2002, D005)",
    },
    {
      id: "roundtrip-cisco-2000",
      era: "2000",
      label: "Circular financing: Cisco's vendor-financing commitments / its revenue",
      unit: "percent",
      formula: "share = 100 · carrier-loan commitments 2H-2000 (D006) / net sales FY2000 to Jul (E172)",
      inputs: [inp("vf", "D006", "USD bn"), inp("revenue", "E172", "USD bn")],
      compute: (v) => (100 * v.vf) / v.revenue,
      threshold: () => null,
      caveat: "benchmark for the AI era; by Sep 2002 ~$1bn of it was still available against >$21bn cash (D006)",
    },
  ];
}
