/**
 * Market structure of AI accelerators from the deal graph: each vendor's share of the gigawatts of accelerator
 * capacity committed in announced chip/compute deals, and the Herfindahl-Hirschman index of those shares
 * (`concentration.ts`). Complexity O(deals).
 */
import type { Deal } from "../evidence/schema.ts";
import { hhi, hhiClass, marketShares } from "./concentration.ts";
import type { IndicatorSpec } from "./engine.ts";
import { inp } from "./indicators.ts";
import { HHI_SOURCE } from "./thresholds.ts";

export interface MarketStructureOptions {
  /** Accelerator vendors (entities receiving chip/compute purchases) counted in the market. */
  readonly vendors?: readonly string[];
}

export const MARKET_STRUCTURE_DEFAULTS: Readonly<Required<MarketStructureOptions>> = Object.freeze({
  vendors: Object.freeze(["Nvidia", "AMD", "Broadcom", "Google"]),
});

/** AI-era chip, compute and cloud deals that state GW and go to an accelerator vendor. */
export function acceleratorDeals(deals: readonly Deal[], vendors: readonly string[]): Deal[] {
  return deals.filter(
    (d) =>
      d.era === "ai" &&
      d.gw !== null &&
      (d.kind === "chip_purchase" || d.kind === "compute_purchase" || d.kind === "cloud_contract") &&
      vendors.includes(d.to_entity.trim()),
  );
}

/**
 * Spec of the GW-share HHI over chip/compute/cloud deals whose receiving entity is an accelerator vendor and which
 * state gigawatts.
 *
 * @example
 * marketStructureSpec(deals).inputs.map((i) => i.key); // deal ids
 */
export function marketStructureSpec(deals: readonly Deal[], options: MarketStructureOptions = {}): IndicatorSpec {
  const { vendors } = { ...MARKET_STRUCTURE_DEFAULTS, ...options };
  if (vendors.length === 0) throw new RangeError("vendors must not be empty");
  const counted = acceleratorDeals(deals, vendors);
  const byVendor = (v: Readonly<Record<string, number>>) =>
    vendors.map((name) => ({
      name,
      ids: counted.filter((d) => d.to_entity.trim() === name).map((d) => d.id),
      gw: counted.filter((d) => d.to_entity.trim() === name).reduce((a, d) => a + v[d.id], 0),
    }));
  return {
    id: "market-structure-ai",
    era: "ai",
    label: "Market structure: accelerator vendors' shares of announced GW (HHI)",
    unit: "HHI",
    formula: `HHI = Σ (100 · sᵢ)², sᵢ = vendor i's GW / all GW in chip, compute and cloud deals with a GW figure (${counted.map((d) => d.id).join(", ")})`,
    inputs: counted.map((d) => inp(d.id, d.id, "GW")),
    compute: (v) => {
      const rows = byVendor(v).filter((r) => r.gw > 0);
      return rows.length === 0 ? Number.NaN : hhi(marketShares(rows.map((r) => r.gw)));
    },
    threshold: () => null,
    describe: (x) => `${hhiClass(x)} (${HHI_SOURCE})`,
    details: (v) => {
      const rows = byVendor(v);
      const total = rows.reduce((a, r) => a + r.gw, 0);
      return rows
        .filter((r) => r.gw > 0)
        .map((r) => ({
          label: `${r.name} share of announced GW`,
          value: (100 * r.gw) / total,
          unit: "percent",
          evidence: r.ids,
        }));
    },
    caveat:
      "announced commitments, mostly OpenAI's, not shipments; Google's TPU capacity sold inside Google Cloud is not visible in deals",
  };
}

/**
 * Funding coverage in gigawatts: GW payable from one year's FCF + cash of the four largest spenders at the all-in
 * cost per GW, beside the GW announced in accelerator deals and the talk's own arithmetic.
 *   GW = (FCF (E071, else E070) + cash (E082)) / cost per GW (E117, else E115). Complexity O(deals).
 *
 * @example
 * fundingGwSpec(deals).id; // "funding-gw-ai"
 */
export function fundingGwSpec(deals: readonly Deal[], options: MarketStructureOptions = {}): IndicatorSpec {
  const { vendors } = { ...MARKET_STRUCTURE_DEFAULTS, ...options };
  const gwDeals = acceleratorDeals(deals, vendors).map((d) => d.id);
  return {
    id: "funding-gw-ai",
    era: "ai",
    label: "Funding coverage in gigawatts: GW payable from one year's FCF + cash",
    unit: "GW",
    formula: `GW = (big-4 FCF (E071, else E070) + cash (E082)) / all-in cost per GW (E117, else the talk's E115); beside the GW announced in accelerator deals (${gwDeals.join(", ")}) and the talk's own figures ((E085 + E086) / E115)`,
    inputs: [
      inp("fcf", ["E071", "E070"], "USD bn"),
      inp("cash", "E082", "USD bn"),
      inp("cost", ["E117", "E115"], "USD bn per GW"),
      inp("talkFcf", "E085", "USD bn"),
      inp("talkCash", "E086", "USD bn"),
      inp("talkCost", "E115", "USD bn per GW"),
      ...gwDeals.map((id) => inp(id, id, "GW")),
    ],
    compute: (v) => (v.fcf + v.cash) / v.cost,
    threshold: () => null,
    details: (v, ids) => [
      {
        label: "GW announced in accelerator deals",
        value: gwDeals.reduce((a, id) => a + v[id], 0),
        unit: "GW",
        evidence: gwDeals,
      },
      {
        label: "GW payable on the talk's own figures (FCF + cash at its cost per GW)",
        value: (v.talkFcf + v.talkCash) / v.talkCost,
        unit: "GW",
        evidence: [ids.talkFcf, ids.talkCash, ids.talkCost],
      },
    ],
    caveat:
      "one year of FCF plus a lower-bound cash figure against commitments deployed over 2026-2030; no sourced line turns this into a verdict",
  };
}
